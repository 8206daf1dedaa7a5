using System.Numerics.Tensors;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx.Tests.Embeddings;

/// <summary>The real arctic-embed-xs from its NuGet package, run the way the bot runs it.</summary>
public sealed class ArcticEmbedXsTests : IDisposable
{
    private const string Prefix = "Represent this sentence for searching relevant passages: ";

    private readonly OnnxEmbeddingGenerator _generator;

    public ArcticEmbedXsTests()
    {
        _generator = PackagedModels.ArcticEmbedXsGenerator();
    }

    [Fact]
    public async Task A_question_is_closer_to_the_passage_that_answers_it_than_to_unrelated_ones()
    {
        string[] passages =
        [
            "Russian President Vladimir Putin and Japanese Prime Minister Shinzo Abe met in Vladivostok to discuss a peace treaty and the disputed Kuril Islands.",
            "The central bank raised interest rates by a quarter of a percentage point to curb inflation.",
            "Heavy rain flooded several villages in the south of the country, and hundreds of people were evacuated.",
        ];

        var questions = await _generator.GenerateAsync(["Where did the Russian and Japanese leaders meet?", "Did borrowing get more expensive?"], EmbeddingInputType.ForQueries());
        var vectors = await _generator.GenerateAsync(passages, EmbeddingInputType.ForPassages());

        float Similarity(int question, int passage) => TensorPrimitives.Dot(questions[question].Vector.Span, vectors[passage].Vector.Span);
        Assert.True(Similarity(0, 0) > Similarity(0, 1) + 0.1f, $"{Similarity(0, 0)} vs {Similarity(0, 1)}");
        Assert.True(Similarity(0, 0) > Similarity(0, 2) + 0.1f, $"{Similarity(0, 0)} vs {Similarity(0, 2)}");
        Assert.True(Similarity(1, 1) > Similarity(1, 0), $"{Similarity(1, 1)} vs {Similarity(1, 0)}");
        Assert.True(Similarity(1, 1) > Similarity(1, 2), $"{Similarity(1, 1)} vs {Similarity(1, 2)}");
    }

    [Fact]
    public async Task The_instruction_prefix_goes_on_questions_only()
    {
        const string text = "Who promised to visit Russia?";

        var asQuery = (await _generator.GenerateAsync([text], EmbeddingInputType.ForQueries()))[0].Vector.ToArray();
        var prefixedByHand = (await _generator.GenerateAsync([Prefix + text], EmbeddingInputType.ForPassages()))[0].Vector.ToArray();
        var asPassage = (await _generator.GenerateAsync([text], EmbeddingInputType.ForPassages()))[0].Vector.ToArray();
        var untyped = (await _generator.GenerateAsync([text]))[0].Vector.ToArray();

        Assert.Equal(prefixedByHand, asQuery);
        Assert.Equal(asPassage, untyped);
        Assert.True(TensorPrimitives.CosineSimilarity(asQuery, asPassage) < 0.99f);
    }

    [Fact]
    public async Task The_vector_is_the_normalised_cls_state_of_last_hidden_state()
    {
        const string text = "Putin pledged close contacts on North Korea.";
        var manifest = PackagedModels.ArcticEmbedXs;
        var ids = new WordPieceTokenizerFactory().Create(manifest).Encode(text, manifest.MaxTokens).Ids.ToArray();
        long[] shape = [1, ids.Length];

        float[] states;
        using (var session = OnnxSessions.Open(manifest.PathOf(manifest.ModelFile), intraOpThreads: 1))
        using (var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape))
        using (var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape))
        using (var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape))
        using (var runOptions = new RunOptions())
        using (var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, mask, types], ["last_hidden_state"]))
        {
            Assert.Equal([1L, ids.Length, 384L], outputs[0].GetTensorTypeAndShape().Shape);
            states = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        var cls = states[..384];
        var mean = Enumerable.Range(0, 384).Select(d => Enumerable.Range(0, ids.Length).Average(t => states[(t * 384) + d])).Select(v => (float)v).ToArray();
        var vector = (await _generator.GenerateAsync([text], EmbeddingInputType.ForPassages()))[0].Vector.ToArray();

        Assert.Equal(101, ids[0]); // [CLS]
        Assert.Equal(102, ids[^1]); // [SEP]
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 4);
        Assert.True(TensorPrimitives.CosineSimilarity(vector, cls) > 0.99999f);
        Assert.True(TensorPrimitives.CosineSimilarity(vector, mean) < 0.999f); // the pooling really is CLS, not mean
    }

    [Fact]
    public async Task Padding_in_a_batch_does_not_change_a_vector()
    {
        const string text = "Abe urged Putin to ensure the cease-fire holds.";

        var alone = (await _generator.GenerateAsync([text], EmbeddingInputType.ForPassages()))[0].Vector.ToArray();
        var batch = await _generator.GenerateAsync([text, text + " " + string.Join(' ', Enumerable.Repeat("The talks lasted three hours.", 12))], EmbeddingInputType.ForPassages());

        Assert.True(TensorPrimitives.CosineSimilarity(alone, batch[0].Vector.Span) > 0.9999f);
    }

    public void Dispose() => _generator.Dispose();
}
