using System.Numerics.Tensors;
using ChatBot.Embeddings.Onnx.Models;

namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>Turns a model output into one vector per input row (mean over kept tokens, [CLS], or as-is).</summary>
internal static class EmbeddingPooling
{
    /// <param name="output">[batch, tokens, dim] for mean/cls; [batch, dim] for none.</param>
    /// <param name="shape">The output's shape.</param>
    /// <param name="attentionMask">[batch, tokens] 1 for real tokens, 0 for padding.</param>
    public static float[][] Pool(ReadOnlySpan<float> output, IReadOnlyList<long> shape, long[] attentionMask, int batch, int tokens, PoolingMode mode, bool normalize)
    {
        var vectors = new float[batch][];
        if (mode == PoolingMode.None)
        {
            RequireShape(shape, batch, expectedRank: 2);
            var dimensions = (int)shape[1];
            for (var row = 0; row < batch; row++)
            {
                vectors[row] = output.Slice(row * dimensions, dimensions).ToArray();
            }
        }
        else
        {
            RequireShape(shape, batch, expectedRank: 3);
            if (shape[1] != tokens)
            {
                throw new InvalidOperationException($"The model returned {shape[1]} token states for {tokens} input tokens.");
            }

            var dimensions = (int)shape[2];
            for (var row = 0; row < batch; row++)
            {
                var rowStates = output.Slice(row * tokens * dimensions, tokens * dimensions);
                vectors[row] = mode == PoolingMode.Cls
                    ? rowStates[..dimensions].ToArray()
                    : MeanOfKeptTokens(rowStates, attentionMask.AsSpan(row * tokens, tokens), dimensions);
            }
        }

        if (normalize)
        {
            foreach (var vector in vectors)
            {
                var norm = TensorPrimitives.Norm<float>(vector);
                // Clamp like sentence-transformers so an all-zero vector stays zero instead of becoming NaN.
                TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
            }
        }

        return vectors;
    }

    private static float[] MeanOfKeptTokens(ReadOnlySpan<float> states, ReadOnlySpan<long> mask, int dimensions)
    {
        var sum = new float[dimensions];
        var kept = 0;
        for (var token = 0; token < mask.Length; token++)
        {
            if (mask[token] != 0)
            {
                TensorPrimitives.Add(sum, states.Slice(token * dimensions, dimensions), sum);
                kept++;
            }
        }

        TensorPrimitives.Divide(sum, Math.Max(kept, 1), sum);
        return sum;
    }

    private static void RequireShape(IReadOnlyList<long> shape, int batch, int expectedRank)
    {
        if (shape.Count != expectedRank || shape[0] != batch)
        {
            throw new InvalidOperationException(
                $"The model output has shape [{string.Join(", ", shape)}]; expected rank {expectedRank} with {batch} rows for this pooling mode.");
        }
    }
}
