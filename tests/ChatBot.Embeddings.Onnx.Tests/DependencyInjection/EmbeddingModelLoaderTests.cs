using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.Tests.DependencyInjection;

public sealed class EmbeddingModelLoaderTests : IDisposable
{
    private readonly TempDirectory _models = new();

    [Fact]
    public void Binds_the_embeddings_section_with_arctic_embed_xs_as_the_default()
    {
        using var services = Build(new() { ["Embeddings:BatchSize"] = "4" });

        var options = services.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value;

        Assert.Equal("arctic-embed-xs", options.Model);
        Assert.Equal("models", options.ModelsPath);
        Assert.Equal(4, options.BatchSize);
        Assert.Equal(1, options.QuestionIntraOpThreads);
        Assert.NotNull(services.GetRequiredService<ModelCatalog>());
        Assert.NotNull(services.GetRequiredService<EmbeddingModelLoader>());
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        using var services = Build(new() { ["Embeddings:BatchSize"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value);
    }

    [Fact]
    public async Task Loads_a_locally_built_model_and_embeds_with_a_fingerprint()
    {
        WriteTinyBertModelFolder("tiny-bert");
        using var services = Build(new() { ["Embeddings:Model"] = "tiny-bert", ["Embeddings:ModelsPath"] = _models.Path, ["Embeddings:IntraOpThreads"] = "1" });

        var availability = await services.GetRequiredService<EmbeddingModelLoader>().LoadAsync();

        Assert.True(availability.IsAvailable, availability.Reason);
        using var generator = availability.Generator;
        Assert.Matches("^[0-9a-f]{16}$", availability.Fingerprint);
        Assert.Equal(0.5, availability.Manifest.DeclineBelow);
        var embeddings = await generator.GenerateAsync(["Putin met Abe in Vladivostok", "Kuril islands"], EmbeddingInputType.ForPassages());
        Assert.Equal(2, embeddings.Count);
        Assert.Equal(32, embeddings[0].Vector.Length);
    }

    [Fact]
    public async Task Loads_the_packaged_default_model_with_progress_from_verify_to_ready()
    {
        using var services = Build(new() { ["Embeddings:ModelsPath"] = PackagedModels.ModelsPath });
        var steps = new List<ModelSetupProgress>();

        var availability = await services.GetRequiredService<EmbeddingModelLoader>().LoadAsync(new Recorder(steps));

        Assert.True(availability.IsAvailable, availability.Reason);
        availability.Generator.Dispose();
        Assert.Equal("arctic-embed-xs", availability.Manifest.Name);
        Assert.Equal(
            [ModelSetupStage.Verifying, ModelSetupStage.Verified, ModelSetupStage.Verifying, ModelSetupStage.Verified, ModelSetupStage.Loading, ModelSetupStage.Ready],
            steps.Select(s => s.Stage));
    }

    [Fact]
    public async Task A_missing_model_is_an_unavailable_result_with_a_reason_not_a_crash()
    {
        using var services = Build(new() { ["Embeddings:Model"] = "not-installed", ["Embeddings:ModelsPath"] = _models.Path });

        var availability = await services.GetRequiredService<EmbeddingModelLoader>().LoadAsync();

        Assert.False(availability.IsAvailable);
        Assert.Contains("not-installed", availability.Reason);
    }

    [Fact]
    public async Task A_locally_built_model_whose_file_is_absent_says_which_file_and_that_it_must_be_built()
    {
        Directory.CreateDirectory(Path.Combine(_models.Path, "use-lite"));
        File.Copy(Path.Combine(RepoPaths.Root, "models", "use-lite", "manifest.json"), Path.Combine(_models.Path, "use-lite", "manifest.json"));
        using var services = Build(new() { ["Embeddings:Model"] = "use-lite", ["Embeddings:ModelsPath"] = _models.Path });

        var availability = await services.GetRequiredService<EmbeddingModelLoader>().LoadAsync();

        Assert.False(availability.IsAvailable);
        Assert.Contains("model.onnx is missing", availability.Reason);
        Assert.Contains("build it first", availability.Reason);
    }

    [Fact]
    public async Task The_fingerprint_changes_when_anything_that_shapes_the_vectors_changes()
    {
        WriteTinyBertModelFolder("tiny-bert");
        var catalog = new ModelCatalog(_models.Path, NuGetPackageFolders.FromBuild());
        var manifest = catalog.Get("tiny-bert");
        var verified = await catalog.VerifyAsync(manifest);

        var original = ModelFingerprint.Compute(manifest, verified);
        var samePrint = ModelFingerprint.Compute(manifest, await catalog.VerifyAsync(manifest));
        var otherPrefix = ModelFingerprint.Compute(manifest with { PassagePrefix = "passage: " }, verified);
        var otherPooling = ModelFingerprint.Compute(manifest with { Pooling = PoolingMode.Cls }, verified);
        await File.AppendAllTextAsync(manifest.PathOf(manifest.ModelFile), " ");
        var otherBytes = ModelFingerprint.Compute(manifest, await catalog.VerifyAsync(manifest));

        Assert.Equal(original, samePrint);
        Assert.Equal(4, new[] { original, otherPrefix, otherPooling, otherBytes }.Distinct().Count());
    }

    public void Dispose() => _models.Dispose();

    private void WriteTinyBertModelFolder(string name)
    {
        var folder = Path.Combine(_models.Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), TinyBertModel.Bytes);
        File.Copy(PackagedModels.BertVocabulary, Path.Combine(folder, "vocab.txt"));
        File.WriteAllText(Path.Combine(folder, "manifest.json"), $$"""
            {
              "name": "{{name}}",
              "model_file": "model.onnx",
              "files": [ { "path": "model.onnx", "sha256": "{{TinyBertModel.Sha256}}" }, { "path": "vocab.txt" } ],
              "tokenizer": { "kind": "wordpiece", "vocabulary_file": "vocab.txt" },
              "inputs": { "input_ids": "input_ids", "attention_mask": "attention_mask", "token_type_ids": "token_type_ids" },
              "output": "last_hidden_state", "pooling": "mean", "normalize": true,
              "dimensions": 32, "max_tokens": 128, "decline_threshold": 0.5
            }
            """);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOnnxEmbeddings(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class Recorder(List<ModelSetupProgress> steps) : IProgress<ModelSetupProgress>
    {
        public void Report(ModelSetupProgress value) => steps.Add(value);
    }
}
