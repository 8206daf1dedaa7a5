using System.Numerics.Tensors;
using System.Text.Json;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Embeddings.Onnx.Tokenization;
using ChatBot.Onnx.Modeling.TinyBert;
using ChatBot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx.Tests.Embeddings;

public sealed class OnnxEmbeddingGeneratorTests
{
    private static readonly Lazy<WordPieceTokenizer> Tokenizer = new(() => WordPieceTokenizer.FromVocabularyFile(PackagedModels.BertVocabulary));

    private static readonly Lazy<Reference> References = new(LoadReference);

    [Fact]
    public void Regenerated_tiny_bert_is_the_model_the_reference_script_ran()
    {
        Assert.Equal(References.Value.ModelSha256, TinyBertModel.Sha256);
    }

    [Fact]
    public void Tokenizer_gives_the_reference_ids_for_every_reference_text()
    {
        foreach (var item in References.Value.Cases)
        {
            Assert.Equal(item.Ids, Tokenizer.Value.Encode(item.Text, 128).Ids);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(32)]
    public async Task Embeddings_equal_the_onnxruntime_node_reference_at_any_batch_size(int batchSize)
    {
        using var generator = CreateGenerator(batchSize: batchSize);
        var cases = References.Value.Cases;

        var embeddings = await generator.GenerateAsync(cases.Select(c => c.Text));

        Assert.Equal(cases.Length, embeddings.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(embeddings[i].Vector.Span, cases[i].Vector);
            Assert.True(cosine >= 0.9999f, $"'{cases[i].Text}': cosine {cosine} with the reference");
            Assert.Equal(1f, TensorPrimitives.Norm(embeddings[i].Vector.Span), 3);
        }
    }

    [Fact]
    public async Task Query_input_type_prepends_the_manifest_query_prefix()
    {
        using var generator = CreateGenerator();
        var reference = References.Value.Cases.Single(c => c.Text.StartsWith("query: ", StringComparison.Ordinal));
        var question = reference.Text["query: ".Length..];

        var asQuery = await generator.GenerateAsync([question], EmbeddingInputType.ForQueries());
        var asPassage = await generator.GenerateAsync([question], EmbeddingInputType.ForPassages());
        var untyped = await generator.GenerateAsync([question]);

        Assert.True(TensorPrimitives.CosineSimilarity(asQuery[0].Vector.Span, reference.Vector) >= 0.9999f);
        Assert.True(TensorPrimitives.CosineSimilarity(asPassage[0].Vector.Span, reference.Vector) < 0.9999f);
        Assert.Equal(asPassage[0].Vector.ToArray(), untyped[0].Vector.ToArray());
    }

    [Fact]
    public async Task Over_long_texts_are_truncated_with_one_warning_per_call_not_silently()
    {
        var logger = new ListLogger<OnnxEmbeddingGenerator>();
        using var generator = CreateGenerator(maxTokens: 8, logger: logger);
        var longText = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"word{i}"));

        var embeddings = await generator.GenerateAsync(["short text", longText, "another " + longText]);

        Assert.Equal(3, embeddings.Count);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("2 of 3 texts exceed the 8 tokens", warning.Message);
        Assert.Contains("First: text 1", warning.Message);
        Assert.Equal(8 + 8 + 4, embeddings.Usage?.InputTokenCount); // "short text" is 4 ids with [CLS]/[SEP]
    }

    [Fact]
    public async Task Cancellation_stops_generation()
    {
        using var generator = CreateGenerator();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["a", "b"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task One_generator_serves_concurrent_callers_with_identical_results()
    {
        using var generator = CreateGenerator(batchSize: 4);
        var texts = References.Value.Cases.Select(c => c.Text).ToArray();
        var expected = await generator.GenerateAsync(texts);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => generator.GenerateAsync(texts)));

        foreach (var result in results)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(TensorPrimitives.CosineSimilarity(result[i].Vector.Span, expected[i].Vector.Span) >= 0.99999f);
            }
        }
    }

    [Fact]
    public async Task No_texts_give_no_embeddings()
    {
        using var generator = CreateGenerator();

        var embeddings = await generator.GenerateAsync([]);

        Assert.Empty(embeddings);
    }

    [Fact]
    public void Reports_model_metadata()
    {
        using var generator = CreateGenerator();

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("tiny-bert", metadata.DefaultModelId);
        Assert.Equal(32, metadata.DefaultModelDimensions);
        Assert.Same(generator.Manifest, generator.GetService<ModelManifest>());
    }

    [Fact]
    public async Task Rejects_unknown_input_types_and_other_dimensions()
    {
        using var generator = CreateGenerator();
        var badType = new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingInputType.PropertyName] = "question" } };

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], badType));
        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 384 }));
    }

    [Fact]
    public void A_manifest_output_the_model_lacks_is_reported_with_the_field_name()
    {
        var session = OnnxSessions.Open(TinyBertModel.ModelPath, intraOpThreads: 1);
        var manifest = TinyBertModel.Manifest() with { Output = "sentence_embedding" };

        var error = Assert.Throws<ModelManifestException>(() => new OnnxEmbeddingGenerator(session, Tokenizer.Value, manifest));
        session.Dispose();

        Assert.Contains("'output'", error.Message);
        Assert.Contains("last_hidden_state", error.Message);
    }

    [Fact]
    public async Task One_text_runs_in_the_single_text_session_and_batches_in_the_other()
    {
        _ = TinyBertModel.Bytes;
        // The single-text session runs a differently seeded tiny BERT, so each result shows which session made it.
        using var other = new TempDirectory();
        var otherModel = Path.Combine(other.Path, "model.onnx");
        await File.WriteAllBytesAsync(otherModel, new TinyBertModelBuilder(new TinyBertOptions { Seed = 7 }).Build());
        using var reference = CreateGenerator();
        using var generator = new OnnxEmbeddingGenerator(
            OnnxSessions.Open(TinyBertModel.ModelPath, intraOpThreads: 2), Tokenizer.Value, TinyBertModel.Manifest(128),
            singleTextSession: OnnxSessions.Open(otherModel, intraOpThreads: 1));
        const string text = "where did the leaders meet";

        var inBatch = await generator.GenerateAsync([text, "a second text"]);
        var alone = await generator.GenerateAsync([text]);
        var expected = await reference.GenerateAsync([text]);

        Assert.True(TensorPrimitives.CosineSimilarity(inBatch[0].Vector.Span, expected[0].Vector.Span) > 0.9999);
        Assert.True(TensorPrimitives.CosineSimilarity(alone[0].Vector.Span, expected[0].Vector.Span) < 0.99);
    }

    private static OnnxEmbeddingGenerator CreateGenerator(int batchSize = 8, int maxTokens = 128, ILogger<OnnxEmbeddingGenerator>? logger = null)
    {
        _ = TinyBertModel.Bytes; // make sure .cache/tiny-bert/model.onnx is written
        var session = OnnxSessions.Open(TinyBertModel.ModelPath, intraOpThreads: 1);
        return new OnnxEmbeddingGenerator(session, Tokenizer.Value, TinyBertModel.Manifest(maxTokens), batchSize, logger);
    }

    private static Reference LoadReference()
    {
        var path = PackagedModels.TestDataFile("tiny-bert-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return new Reference(
            root.GetProperty("modelSha256").GetString()!,
            root.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
                c.GetProperty("text").GetString()!,
                c.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ToArray(),
                c.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray())).ToArray());
    }

    private sealed record Reference(string ModelSha256, ReferenceCase[] Cases);

    private sealed record ReferenceCase(string Text, long[] Ids, float[] Vector);
}
