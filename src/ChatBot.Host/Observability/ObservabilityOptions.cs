using System.ComponentModel.DataAnnotations;

namespace ChatBot.Host.Observability;

/// <summary>
/// Section "Observability". <see cref="ListenUrl"/> turns on one HTTP listener for <c>/healthz</c>, <c>/readyz</c>
/// and <c>/metrics</c> in <c>run</c>; unset (the default) there is no listener and no metrics pipeline.
/// </summary>
public sealed class ObservabilityOptions : IValidatableObject
{
    public const string SectionName = "Observability";

    /// <summary>e.g. <c>http://127.0.0.1:9464</c>; use <c>http://0.0.0.0:9464</c> for a probe from another host. http only: put TLS in front.</summary>
    public string? ListenUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ListenUrl))
        {
            yield break;
        }

        if (!Uri.TryCreate(ListenUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/" || url.Port <= 0)
        {
            yield return new ValidationResult(
                $"Observability:ListenUrl '{ListenUrl}' must be an http URL with a host and port and no path, e.g. http://127.0.0.1:9464.",
                [nameof(ListenUrl)]);
        }
    }
}
