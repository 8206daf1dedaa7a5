using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Onnx.Modeling.UseLite;
using ChatBot.Testing;

namespace ChatBot.Onnx.Modeling.Tests.UseLite;

/// <summary>The committed models/use-lite-int8/manifest.json, read the way the embedding runtime reads it.</summary>
public sealed class UseLiteInt8ManifestTests
{
    [Fact]
    public void The_committed_int8_manifest_loads_as_a_built_sentencepiece_model_with_the_calibrated_threshold()
    {
        var manifest = ModelManifestLoader.LoadByName(Path.Combine(RepoPaths.Root, "models"), UseLiteVariant.Int8.Name);

        Assert.Equal(UseLiteVariant.Int8.Name, manifest.Name);
        Assert.Equal(512, manifest.Dimensions);
        Assert.Equal(128, manifest.MaxTokens);
        Assert.Equal("sentencepiece", manifest.Tokenizer.Kind);
        Assert.Equal(0.5, manifest.DeclineBelow);
        Assert.All(manifest.Files, file => Assert.Matches("^[0-9a-f]{64}$", file.Sha256 ?? string.Empty));
    }
}
