using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Testing;

namespace ChatBot.Embeddings.Onnx.Tests.Models;

public sealed class ModelManifestLoaderTests
{
    private static string ModelsFolder => Path.Combine(RepoPaths.Root, "models");

    [Fact]
    public void Bge_manifest_describes_cls_pooling_and_the_query_instruction()
    {
        var manifest = ModelManifestLoader.LoadByName(ModelsFolder, "bge-small-en-v1.5");

        Assert.Equal(PoolingMode.Cls, manifest.Pooling);
        Assert.Equal("Represent this sentence for searching relevant passages: ", manifest.QueryPrefix);
        Assert.Equal(string.Empty, manifest.PassagePrefix);
        Assert.Equal(384, manifest.Dimensions);
        Assert.Equal(512, manifest.MaxTokens);
        Assert.Equal("wordpiece", manifest.Tokenizer.Kind);
        Assert.All(manifest.Files, f =>
        {
            Assert.Equal(64, f.Sha256!.Length);
            Assert.Equal("huggingface.co", f.Url!.Host);
            Assert.Contains("/resolve/5c38ec7c405ec4b44b94cc5a9bb96e735b38267a/", f.Url.AbsolutePath);
        });
    }

    [Fact]
    public void MiniLm_manifest_describes_mean_pooling_without_prefixes()
    {
        var manifest = ModelManifestLoader.LoadByName(ModelsFolder, "all-minilm-l6-v2");

        Assert.Equal(PoolingMode.Mean, manifest.Pooling);
        Assert.True(manifest.Normalize);
        Assert.Equal(string.Empty, manifest.QueryPrefix);
        Assert.Equal(["model.onnx", "vocab.txt"], manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public void Use_lite_manifest_written_by_the_converter_loads()
    {
        var manifest = ModelManifestLoader.LoadByName(ModelsFolder, "use-lite");

        Assert.Equal("sentencepiece", manifest.Tokenizer.Kind);
        Assert.Equal(PoolingMode.None, manifest.Pooling);
        Assert.Null(manifest.Inputs.TokenTypeIds);
        Assert.All(manifest.Files, f => Assert.Null(f.Url)); // built locally by the converter, never downloaded
    }

    [Theory]
    [InlineData("\"pooling\": \"mean\"", "\"pooling\": \"max\"", "'pooling' must be mean, cls or none (was 'max')")]
    [InlineData("\"max_tokens\": 128", "\"max_tokens\": 0", "'max_tokens'")]
    [InlineData("\"dimensions\": 32", "\"dimensions\": -1", "'dimensions'")]
    [InlineData("\"decline_threshold\": 0.5", "\"decline_threshold\": 3", "'decline_threshold'")]
    [InlineData("\"kind\": \"wordpiece\"", "\"kind\": \"bpe\"", "'tokenizer.kind'")]
    [InlineData("\"input_ids\": \"input_ids\"", "\"attention_mask_only\": \"x\"", "'inputs.input_ids' is required")]
    [InlineData("\"sha256\": \"" + ValidSha + "\"", "\"sha256\": \"abc\"", "'files[0].sha256' must be 64 hex digits")]
    [InlineData("\"url\": \"https://example.org/model.onnx\"", "\"url\": \"http://example.org/model.onnx\"", "'files[0].url' must be an absolute https URL")]
    [InlineData("\"path\": \"model.onnx\"", "\"path\": \"../model.onnx\"", "'files[0].path' must stay inside the model folder")]
    [InlineData("\"normalize\": true,", "", "'normalize' is required")]
    [InlineData("\"model_file\": \"model.onnx\",", "", "'model_file' is required")]
    public void Invalid_fields_are_named_in_the_error(string valid, string invalid, string expectedMessage)
    {
        using var folder = new TempDirectory();
        Assert.Contains(valid, ValidManifest); // the test must really change something
        var path = Path.Combine(folder.Path, "manifest.json");
        File.WriteAllText(path, ValidManifest.Replace(valid, invalid, StringComparison.Ordinal));

        var error = Assert.Throws<ModelManifestException>(() => ModelManifestLoader.Load(path));

        Assert.Contains(expectedMessage, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void The_valid_template_itself_loads()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "manifest.json");
        File.WriteAllText(path, ValidManifest);

        var manifest = ModelManifestLoader.Load(path);

        Assert.Equal("test-model", manifest.Name);
        Assert.Equal(Path.Combine(folder.Path, "model.onnx"), manifest.PathOf(manifest.ModelFile));
    }

    [Fact]
    public void Missing_manifest_and_broken_json_are_reported()
    {
        using var folder = new TempDirectory();
        Assert.Contains("No model manifest", Assert.Throws<ModelManifestException>(() => ModelManifestLoader.LoadByName(folder.Path, "nope")).Message);

        File.WriteAllText(Path.Combine(folder.Path, "manifest.json"), "{ \"name\": ");
        Assert.Contains("not valid JSON", Assert.Throws<ModelManifestException>(() => ModelManifestLoader.Load(Path.Combine(folder.Path, "manifest.json"))).Message);
    }

    private const string ValidSha = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string ValidManifest = """
        {
          "name": "test-model",
          "model_file": "model.onnx",
          "files": [ { "path": "model.onnx", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "url": "https://example.org/model.onnx" } ],
          "tokenizer": { "kind": "wordpiece", "vocabulary_file": "vocab.txt" },
          "inputs": { "input_ids": "input_ids", "attention_mask": "attention_mask" },
          "output": "last_hidden_state",
          "pooling": "mean",
          "normalize": true,
          "dimensions": 32,
          "max_tokens": 128,
          "decline_threshold": 0.5
        }
        """;
}
