using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Onnx.Modeling.Int8Variants;

/// <summary>
/// The manifest.json of an int8 variant: the source model's manifest with the recipe unchanged (tokenizer, inputs,
/// output, pooling, prefixes, limits), its own name and description, no package (the files are built, not
/// extracted), the sha256 of the built files, and the float model it came from. A decline threshold already in the
/// variant's manifest (and its note), passed in by the builder, survives rebuilds, so a calibrated value is not overwritten.
/// </summary>
internal static class Int8VariantManifest
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="files">Every file of the variant with its content, the model file first.</param>
    public static byte[] Create(Int8Variant variant, string sourceManifestJson, string description, IReadOnlyList<(string Path, byte[] Content)> files, string sourceModelSha256, (double Value, string Note)? existing)
    {
        var source = JsonNode.Parse(sourceManifestJson, documentOptions: ReadOptions)?.AsObject()
            ?? throw new InvalidDataException($"The manifest of {variant.SourceName} is empty.");
        var sourceFiles = source["files"]?.AsArray() ?? [];

        var manifest = new JsonObject();
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case "name":
                    manifest[key] = variant.Name;
                    break;
                case "description":
                    manifest[key] = description;
                    break;
                case "package":
                    break;
                case "files":
                    manifest[key] = new JsonArray([.. files.Select(file => File(file.Path, file.Content, sourceFiles))]);
                    manifest["built_from"] = new JsonObject { ["model"] = variant.SourceName, ["sha256"] = sourceModelSha256 };
                    break;
                case "decline_threshold" when existing is not null:
                    manifest[key] = existing.Value.Value;
                    break;
                case "decline_threshold_note" when existing is not null:
                    manifest[key] = existing.Value.Note;
                    break;
                case "decline_threshold_note":
                    manifest[key] = $"Taken over from {variant.SourceName} (not calibrated for this model): {value?.GetValue<string>()}";
                    break;
                default:
                    manifest[key] = value?.DeepClone();
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    /// <summary>A built file's entry: its path, the sha256 of what was written, and the source entry's note if it has one.</summary>
    private static JsonObject File(string path, byte[] content, JsonArray sourceFiles)
    {
        var entry = new JsonObject { ["path"] = path, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) };
        var note = sourceFiles.OfType<JsonObject>().FirstOrDefault(file => file["path"]?.GetValue<string>() == path)?["note"];
        if (note is not null)
        {
            entry["note"] = note.DeepClone();
        }

        return entry;
    }
}
