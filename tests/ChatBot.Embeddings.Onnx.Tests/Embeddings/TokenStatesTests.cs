using System.Numerics.Tensors;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Embeddings.Onnx.Tokenization;

namespace ChatBot.Embeddings.Onnx.Tests.Embeddings;

/// <summary>arctic-embed-xs's per-token states, as late interaction reads them.</summary>
public sealed class TokenStatesTests : IDisposable
{
    private readonly OnnxEmbeddingGenerator _generator;

    public TokenStatesTests()
    {
        _generator = PackagedModels.ArcticEmbedXsGenerator();
    }

    [Fact]
    public async Task One_run_gives_the_pooled_vector_and_a_unit_row_for_each_content_token_without_the_prefix()
    {
        const string question = "Where did Putin and Abe meet?";

        var encoded = (await _generator.EncodeTokensAsync([question], EmbeddingInputType.ForQueries()))[0];
        var pooled = (await _generator.GenerateAsync([question], EmbeddingInputType.ForQueries()))[0].Vector.ToArray();

        Assert.Equal(pooled, encoded.Pooled);
        // [CLS], the instruction's pieces and [SEP] are left out: only the question's own pieces remain.
        Assert.Equal(["where", "did", "putin", "and", "abe", "meet", "?"], encoded.Pieces);
        Assert.Equal(_generator.CountPieces(question), encoded.TokenCount);
        for (var t = 0; t < encoded.TokenCount; t++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(encoded.TokenRows.AsSpan(t * 384, 384)), 3);
        }
    }

    [Fact]
    public async Task Batching_does_not_change_a_texts_token_states()
    {
        string[] texts = ["Putin thanked the Japanese side.", "A much longer passage about the disputed Kuril Islands and a peace treaty."];

        var together = await _generator.EncodeTokensAsync(texts, EmbeddingInputType.ForPassages());
        var alone = (await _generator.EncodeTokensAsync([texts[0]], EmbeddingInputType.ForPassages()))[0];

        Assert.Equal(alone.Pieces, together[0].Pieces);
        Assert.True(TensorPrimitives.CosineSimilarity(alone.TokenRows, together[0].TokenRows) > 0.9999f);
    }

    public void Dispose() => _generator.Dispose();
}
