using ChatBot.Testing;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.Tests.DependencyInjection;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class AddOnnxEmbeddingsTests(OnnxRuntimeFixture fixture) : IDisposable
{
    private readonly TempDirectory _models = new();

    [Fact]
    public void Binds_the_embeddings_section_with_defaults_and_the_onnx_runtime_path_fallback()
    {
        using var services = Build(new() { ["Embeddings:BatchSize"] = "4", ["Onnx:RuntimePath"] = "/opt/ort" });

        var options = services.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value;

        Assert.Equal("use-lite", options.Model);
        Assert.Equal("models", options.ModelsPath);
        Assert.Equal(4, options.BatchSize);
        Assert.Equal("/opt/ort", options.RuntimePath);
        Assert.NotNull(services.GetRequiredService<ModelCatalog>());
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        using var services = Build(new() { ["Embeddings:BatchSize"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value);
    }

    [Fact]
    public async Task Loads_the_configured_model_lazily_and_embeds()
    {
        WriteTinyBertModelFolder("tiny-bert");
        using var services = Build(new()
        {
            ["Embeddings:Model"] = "tiny-bert",
            ["Embeddings:ModelsPath"] = _models.Path,
            ["Embeddings:RuntimePath"] = fixture.LibraryPath,
            ["Embeddings:IntraOpThreads"] = "1",
        });
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Equal("tiny-bert", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        var embeddings = await generator.GenerateAsync(["Putin met Abe in Vladivostok", "Kuril islands"]);
        var availability = await services.GetRequiredService<IEmbeddingModelProvider>().TryGetAsync();

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(32, embeddings[0].Vector.Length);
        Assert.True(availability.IsAvailable);
        Assert.Equal(0.5, availability.Manifest.DeclineBelow);
    }

    [Fact]
    public async Task A_missing_model_is_an_unavailable_result_with_a_reason_not_a_crash()
    {
        using var services = Build(new() { ["Embeddings:Model"] = "not-installed", ["Embeddings:ModelsPath"] = _models.Path });

        var availability = await services.GetRequiredService<IEmbeddingModelProvider>().TryGetAsync();
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.False(availability.IsAvailable);
        Assert.Contains("not-installed", availability.Reason);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync(["x"]));
        Assert.Contains(availability.Reason, error.Message);
    }

    [Fact]
    public async Task A_manifest_whose_files_are_absent_says_which_file_and_how_to_get_it()
    {
        Directory.CreateDirectory(Path.Combine(_models.Path, "bge-small-en-v1.5"));
        File.Copy(Path.Combine(ChatBot.Testing.RepoPaths.Root, "models", "bge-small-en-v1.5", "manifest.json"), Path.Combine(_models.Path, "bge-small-en-v1.5", "manifest.json"));
        using var services = Build(new() { ["Embeddings:Model"] = "bge-small-en-v1.5", ["Embeddings:ModelsPath"] = _models.Path });

        var availability = await services.GetRequiredService<IEmbeddingModelProvider>().TryGetAsync();

        Assert.False(availability.IsAvailable);
        Assert.Contains("model.onnx is missing", availability.Reason);
        Assert.Contains("models download bge-small-en-v1.5", availability.Reason);
    }

    [Fact]
    public async Task Hybrid_retrieval_gets_the_model_with_its_threshold_options_and_a_fingerprinted_id()
    {
        WriteTinyBertModelFolder("tiny-bert");
        using var services = Build(new()
        {
            ["Embeddings:Model"] = "tiny-bert",
            ["Embeddings:ModelsPath"] = _models.Path,
            ["Embeddings:RuntimePath"] = fixture.LibraryPath,
        });
        var source = services.GetRequiredService<IEmbeddingModelSource>();

        var (model, reason) = await source.TryGetAsync();
        var (again, _) = await source.TryGetAsync();

        Assert.Null(reason);
        Assert.NotNull(model);
        Assert.Matches("^tiny-bert@[0-9a-f]{16}$", model.ModelId);
        Assert.Equal(model.ModelId, again!.ModelId);
        Assert.Equal(32, model.Dimensions);
        Assert.Equal(0.5, model.MinSimilarity);
        Assert.Equal(EmbeddingInputType.Query, model.QueryOptions!.AdditionalProperties![EmbeddingInputType.PropertyName]);
        Assert.Equal(EmbeddingInputType.Passage, model.PassageOptions!.AdditionalProperties![EmbeddingInputType.PropertyName]);
        Assert.Equal(32, (await model.Generator.GenerateAsync(["Kuril islands"], model.QueryOptions))[0].Vector.Length);
    }

    [Fact]
    public async Task Without_a_model_hybrid_retrieval_is_told_why()
    {
        using var services = Build(new() { ["Embeddings:Model"] = "absent", ["Embeddings:ModelsPath"] = _models.Path });

        var (model, reason) = await services.GetRequiredService<IEmbeddingModelSource>().TryGetAsync();

        Assert.Null(model);
        Assert.Contains("absent", reason);
    }

    [Fact]
    public void The_onnx_source_replaces_the_bm25_only_default_whichever_is_registered_first()
    {
        var configuration = new ConfigurationBuilder().Build();
        var before = new ServiceCollection().AddLogging();
        before.AddSingleton<IEmbeddingModelSource, NoEmbeddingModelSource>();
        before.AddOnnxEmbeddings(configuration);
        var after = new ServiceCollection().AddLogging();
        after.AddOnnxEmbeddings(configuration);
        after.TryAddSingletonSource();

        using var first = before.BuildServiceProvider();
        using var second = after.BuildServiceProvider();

        Assert.IsType<OnnxEmbeddingModelSource>(first.GetRequiredService<IEmbeddingModelSource>());
        Assert.IsType<OnnxEmbeddingModelSource>(second.GetRequiredService<IEmbeddingModelSource>());
    }

    [Fact]
    public async Task The_model_id_changes_when_anything_that_shapes_the_vectors_changes()
    {
        WriteTinyBertModelFolder("tiny-bert");
        var manifest = ModelManifestLoader.LoadByName(_models.Path, "tiny-bert");

        var original = await ModelFingerprint.ComputeAsync(manifest, CancellationToken.None);
        var samePrint = await ModelFingerprint.ComputeAsync(manifest, CancellationToken.None);
        var otherPrefix = await ModelFingerprint.ComputeAsync(manifest with { PassagePrefix = "passage: " }, CancellationToken.None);
        var otherPooling = await ModelFingerprint.ComputeAsync(manifest with { Pooling = PoolingMode.Cls }, CancellationToken.None);
        await File.AppendAllTextAsync(manifest.PathOf(manifest.ModelFile), " ");
        var otherBytes = await ModelFingerprint.ComputeAsync(manifest, CancellationToken.None);

        Assert.Equal(original, samePrint);
        Assert.Equal(4, new[] { original, otherPrefix, otherPooling, otherBytes }.Distinct().Count());
    }

    public void Dispose() => _models.Dispose();

    private void WriteTinyBertModelFolder(string name)
    {
        var folder = Path.Combine(_models.Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), TinyBertModel.Bytes);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), $$"""
            {
              "name": "{{name}}",
              "model_file": "model.onnx",
              "files": [ { "path": "model.onnx", "sha256": "{{TinyBertModel.Sha256}}" } ],
              "tokenizer": { "kind": "wordpiece", "vocabulary_file": "{{SharedTestData.BertVocabulary}}" },
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
}

internal static class CoreDefaultRegistration
{
    /// <summary>What Core's AddChatBotCore does for the embedding source: a TryAdd of the BM25-only default.</summary>
    public static IServiceCollection TryAddSingletonSource(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<IEmbeddingModelSource, NoEmbeddingModelSource>(services);
        return services;
    }
}
