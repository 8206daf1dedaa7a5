using System.Numerics.Tensors;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Onnx.Modeling.Int8Variants;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.Tests.Support;
using ChatBot.Testing;
using Google.Protobuf;
using Xunit.Abstractions;

namespace ChatBot.Onnx.Modeling.Tests.Int8Variants;

/// <summary>arctic-embed-xs-int8 as the tool builds it, against the float model it comes from.</summary>
[Collection(ArcticInt8Collection.Name)]
public sealed class ArcticEmbedXsInt8Tests(ArcticInt8Fixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// The bar for an int8 variant. Measured on the build machine: lowest 0.9975 over the 56 seed passages,
    /// 0.9967 over the 133 eval questions (as queries); a wrong scale or a transposed weight falls far below.
    /// </summary>
    private const float MinimumCosineToFloat = 0.99f;

    private static readonly string[] Questions =
    [
        "What did Abe urge Putin to do about Ukraine?",
        "How many tanks did Ukraine accuse Russia of sending?",
        "Which islands are disputed between Japan and Russia?",
        "Where was the G20 summit held?",
        "What is the capital of Australia?",
        "Did they discuss Pyongyang's nukes?",
    ];

    [Fact]
    public void The_build_gives_the_files_the_committed_manifest_pins_with_the_float_models_recipe()
    {
        var committed = ModelManifestLoader.LoadByName(Path.Combine(RepoPaths.Root, "models"), Int8Variant.ArcticEmbedXs.Name);

        Assert.Equal(committed.Files.Select(file => (file.Path, file.Sha256)), fixture.Int8.Files.Select(file => (file.Path, file.Sha256)));
        Assert.Null(committed.Package);
        Assert.All(committed.Files, file => Assert.Null(file.Resource));
        Assert.Equal(fixture.Float.Tokenizer, committed.Tokenizer);
        Assert.Equal(fixture.Float.Inputs, committed.Inputs);
        Assert.Equal(
            (fixture.Float.Output, fixture.Float.Pooling, fixture.Float.Normalize, fixture.Float.MaxTokens, fixture.Float.Dimensions, fixture.Float.QueryPrefix, fixture.Float.PassagePrefix),
            (committed.Output, committed.Pooling, committed.Normalize, committed.MaxTokens, committed.Dimensions, committed.QueryPrefix, committed.PassagePrefix));
        Assert.Contains($"build {Int8Variant.ArcticEmbedXs.Name}", committed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passages_and_questions_embed_within_cosine_0_99_of_the_float_model()
    {
        var passages = SeedParagraphs();
        var lowest = 1f;
        foreach (var (texts, asQueries) in new[] { (passages, false), (Questions, true) })
        {
            var expected = await ArcticInt8Fixture.EmbedAsync(fixture.FloatGenerator, texts, asQueries);
            var actual = await ArcticInt8Fixture.EmbedAsync(fixture.Int8Generator, texts, asQueries);
            for (var i = 0; i < texts.Length; i++)
            {
                var cosine = TensorPrimitives.CosineSimilarity(expected[i], actual[i]);
                lowest = Math.Min(lowest, cosine);
                Assert.True(cosine >= MinimumCosineToFloat, $"cosine {cosine:F5} for '{texts[i]}'");
            }
        }

        output.WriteLine($"{passages.Length} passages and {Questions.Length} questions, lowest cosine to the float model {lowest:F5}");
    }

    [Fact]
    public void Only_the_36_dense_matmuls_are_rewritten_and_the_word_embeddings_stay_float()
    {
        var original = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture.Float.PathOf(fixture.Float.ModelFile)));
        var quantized = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture.Build.ModelPath));

        int Count(ModelProto model, string opType) => model.Graph.Node.Count(node => node.OpType == opType);
        Assert.Equal(48, Count(original, "MatMul"));
        Assert.Equal(12, Count(quantized, "MatMul")); // the attention products, two per layer
        Assert.Equal(36, Count(quantized, "DynamicQuantizeMatMul"));
        Assert.Equal(Count(original, "Add") - 36, Count(quantized, "Add")); // the biases went into the quantized nodes
        foreach (var opType in original.Graph.Node.Select(node => node.OpType).Distinct().Where(op => op is not ("MatMul" or "Add")))
        {
            Assert.Equal(Count(original, opType), Count(quantized, opType));
        }

        var wordEmbeddings = quantized.Graph.Initializer.Single(tensor => tensor.Name == "embeddings.word_embeddings.weight");
        Assert.Equal((int)TensorProto.Types.DataType.Float, wordEmbeddings.DataType);
        Assert.Equal([30522L, 384L], wordEmbeddings.Dims);
        Assert.Equal(original.Graph.Input, quantized.Graph.Input);
        Assert.Equal(original.Graph.Output, quantized.Graph.Output);
    }

    [Fact]
    public async Task The_float_model_parsed_and_written_again_gives_identical_vectors()
    {
        // The proof that parsing through our onnx.proto subset loses nothing the runtime uses: the export re-serialized
        // unchanged embeds bit for bit like the original file.
        var reserialized = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture.Float.PathOf(fixture.Float.ModelFile))).ToByteArray();
        using var folder = new TempDirectory();
        await File.WriteAllBytesAsync(folder.File("model.onnx"), reserialized);
        using var generator = ArcticInt8Fixture.Generator(fixture.Float, folder.File("model.onnx"));
        var texts = SeedParagraphs()[..6];

        var expected = await ArcticInt8Fixture.EmbedAsync(fixture.FloatGenerator, texts, asQueries: false);
        var actual = await ArcticInt8Fixture.EmbedAsync(generator, texts, asQueries: false);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_source_model_without_a_manifest_is_a_clear_error()
    {
        using var empty = new TempDirectory();
        var builder = new Int8VariantBuilder(
            Microsoft.Extensions.Options.Options.Create(new Int8VariantBuilderOptions { ModelsPath = empty.Path, CacheDirectory = empty.Path }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Int8VariantBuilder>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => builder.BuildAsync(Int8Variant.ArcticEmbedXs));

        Assert.Contains("arctic-embed-xs", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(empty.Path, Int8Variant.ArcticEmbedXs.Name)));
    }

    /// <summary>The first paragraphs of each seed article (raw scrapes: real sentences, some navigation text).</summary>
    private static string[] SeedParagraphs() =>
    [
        .. Directory.EnumerateFiles(RepoPaths.Seeds, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllText(file).Split("\n\n").Select(paragraph => paragraph.Trim()).Where(paragraph => paragraph.Length is >= 80 and <= 1500).Take(4)),
    ];
}
