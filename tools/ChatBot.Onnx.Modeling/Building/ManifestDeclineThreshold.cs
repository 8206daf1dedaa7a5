using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Onnx.Modeling.Building;

/// <summary>
/// The decline threshold a built model's manifest already carries, so a rebuild keeps a value someone calibrated
/// (and its note) instead of writing the builder's default over it.
/// </summary>
internal static class ManifestDeclineThreshold
{
    /// <returns>decline_threshold and decline_threshold_note of the manifest at <paramref name="manifestPath"/>, or null
    /// when there is no manifest, no threshold in it, or it cannot be read.</returns>
    public static (double Value, string Note)? Read(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        try
        {
            var existing = JsonNode.Parse(File.ReadAllText(manifestPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return existing?["decline_threshold"] is { } value
                ? (value.GetValue<double>(), existing["decline_threshold_note"]?.GetValue<string>() ?? string.Empty)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
