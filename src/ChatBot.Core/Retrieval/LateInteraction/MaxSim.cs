using System.Numerics.Tensors;

namespace ChatBot.Core.Retrieval.LateInteraction;

/// <summary>
/// ColBERT's late-interaction score: for each weighted question token, the best cosine over the passage's tokens,
/// averaged by weight. Where each question token found its match is kept, so the sentence that answers can be shown.
/// </summary>
public static class MaxSim
{
    public static TokenAlignment Align(QueryTokens query, TokenStates passage)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(passage);
        if (passage.Dimensions != query.Dimensions)
        {
            throw new ArgumentException($"Passage token states have {passage.Dimensions} dimensions, the question's {query.Dimensions}.", nameof(passage));
        }

        var bestRows = new int[query.Count];
        var bestSimilarities = new float[query.Count];
        Array.Fill(bestRows, -1);
        Array.Fill(bestSimilarities, float.MinValue);
        var weighted = Enumerable.Range(0, query.Count).Where(q => query.Weights[q] != 0).ToArray();
        // Each passage row is widened to floats once and compared with every weighted question row by a SIMD dot
        // product: the scalar int8 × float loop was most of a question's re-rank time.
        Span<float> row = stackalloc float[passage.Dimensions];
        for (var p = 0; p < passage.Count; p++)
        {
            passage.CopyRow(p, row);
            foreach (var q in weighted)
            {
                var similarity = TensorPrimitives.Dot(row, query.Row(q));
                if (similarity > bestSimilarities[q])
                {
                    bestSimilarities[q] = similarity;
                    bestRows[q] = p;
                }
            }
        }

        double score = 0;
        for (var q = 0; q < query.Count; q++)
        {
            if (bestRows[q] < 0)
            {
                bestSimilarities[q] = 0;
                continue;
            }

            score += query.Weights[q] * bestSimilarities[q];
        }

        return new TokenAlignment(score, bestRows, bestSimilarities, query.Weights);
    }
}

/// <summary>A MaxSim score with, for each question token, the passage row it matched best (−1: none) and how well.</summary>
public sealed record TokenAlignment(double Score, IReadOnlyList<int> BestRows, IReadOnlyList<float> BestSimilarities, IReadOnlyList<double> Weights)
{
    /// <summary>The part of <see cref="Score"/> earned by matches inside passage rows [<paramref name="firstRow"/>, <paramref name="endRow"/>).</summary>
    public double ScoreWithin(int firstRow, int endRow)
    {
        double score = 0;
        for (var q = 0; q < BestRows.Count; q++)
        {
            if (BestRows[q] >= firstRow && BestRows[q] < endRow)
            {
                score += Weights[q] * BestSimilarities[q];
            }
        }

        return score;
    }
}
