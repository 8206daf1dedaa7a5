using System.Numerics.Tensors;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;

namespace ChatBot.Embeddings.Onnx.Tests.Embeddings;

public sealed class EmbeddingPoolingTests
{
    // Two rows of three tokens, two dimensions; row 1 has one padding token.
    private static readonly float[] States = [3, 4, 10, 0, 0, 10, /* row 1 */ 0, 2, 6, 0, 100, 100];
    private static readonly long[] Mask = [1, 1, 1, 1, 1, 0];

    [Fact]
    public void Cls_pooling_takes_the_first_token_and_normalises_it()
    {
        var vectors = EmbeddingPooling.Pool(States, [2, 3, 2], Mask, batch: 2, tokens: 3, PoolingMode.Cls, normalize: true);

        Assert.Equal([0.6f, 0.8f], vectors[0]);
        Assert.Equal([0f, 1f], vectors[1]);
    }

    [Fact]
    public void Mean_pooling_averages_only_the_tokens_the_mask_keeps()
    {
        var vectors = EmbeddingPooling.Pool(States, [2, 3, 2], Mask, batch: 2, tokens: 3, PoolingMode.Mean, normalize: false);

        Assert.Equal([13f / 3, 14f / 3], vectors[0]);
        Assert.Equal([3f, 1f], vectors[1]); // the padded (100, 100) is ignored
    }

    [Fact]
    public void Normalised_vectors_have_unit_length_and_a_zero_vector_stays_zero()
    {
        var vectors = EmbeddingPooling.Pool([0, 0, 0, 0, 5, 12, 1, 1], [2, 2, 2], [1, 1, 1, 1], batch: 2, tokens: 2, PoolingMode.Cls, normalize: true);

        Assert.Equal([0f, 0f], vectors[0]);
        Assert.Equal(1f, TensorPrimitives.Norm<float>(vectors[1]), 5);
    }
}
