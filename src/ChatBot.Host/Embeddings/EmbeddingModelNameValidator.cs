using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Models;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Embeddings;

/// <summary>
/// An <c>Embeddings:Model</c> that names no known model is a configuration error listing the valid names, not a
/// silent fall-back to BM25 (a typo would otherwise cost every paraphrased question without a word said).
/// </summary>
/// <remarks>
/// Reads the models folder itself: the model catalog service depends on these very options, so asking it here
/// would wait on the options being validated.
/// </remarks>
internal sealed class EmbeddingModelNameValidator : IValidateOptions<OnnxEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingOptions options)
    {
        if (string.Equals(options.Model, OnnxEmbeddingOptions.Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        IReadOnlyList<string> known;
        try
        {
            var folder = Path.GetFullPath(options.ModelsPath);
            known = Directory.Exists(folder)
                ? Directory.EnumerateDirectories(folder).Where(d => File.Exists(Path.Combine(d, ModelManifestLoader.FileName)))
                    .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return ValidateOptionsResult.Success; // the models folder itself is the problem; loading the model says so
        }

        return known.Count == 0 || known.Contains(options.Model, StringComparer.Ordinal)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Embeddings:Model = '{options.Model}' is not a known model; use one of: {string.Join(", ", known.Append(OnnxEmbeddingOptions.Disabled))}");
    }
}
