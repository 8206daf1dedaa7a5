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
        double score = 0;
        for (var q = 0; q < query.Count; q++)
        {
            bestRows[q] = -1;
            if (query.Weights[q] == 0 || passage.Count == 0)
            {
                continue;
            }

            var row = query.Row(q);
            var best = float.MinValue;
            for (var p = 0; p < passage.Count; p++)
            {
                var similarity = passage.Dot(p, row);
                if (similarity > best)
                {
                    best = similarity;
                    bestRows[q] = p;
                }
            }

            bestSimilarities[q] = best;
            score += query.Weights[q] * best;
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
