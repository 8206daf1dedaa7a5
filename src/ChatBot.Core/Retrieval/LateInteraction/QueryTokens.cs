using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval.LateInteraction;

/// <summary>
/// A question's token states with a weight each: the IDF of the word the token belongs to (from the library's BM25
/// index, through the same analyzer, so "Putin" weighs what the lexical side thinks it does), shared among the word's
/// pieces; stop words and punctuation weigh nothing. Weights sum to 1 (zero tokens: no late-interaction evidence).
/// </summary>
public sealed class QueryTokens
{
    private QueryTokens(float[] rows, double[] weights, int dimensions)
    {
        Rows = rows;
        Weights = weights;
        Dimensions = dimensions;
    }

    public float[] Rows { get; }

    public IReadOnlyList<double> Weights { get; }

    public int Dimensions { get; }

    public int Count => Weights.Count;

    public bool IsEmpty => Weights.All(w => w == 0);

    public ReadOnlySpan<float> Row(int token) => Rows.AsSpan(token * Dimensions, Dimensions);

    public static QueryTokens From(EncodedTokens encoded, QueryAnalyzer analyzer, Bm25Index index)
    {
        var pieces = encoded.Pieces;
        var dimensions = pieces.Count == 0 ? Math.Max(encoded.Pooled.Length, 1) : encoded.TokenRows.Length / pieces.Count;
        var weights = new double[pieces.Count];
        foreach (var (start, length, word) in Words(pieces))
        {
            var terms = analyzer.ContentTerms(word);
            if (terms.Count == 0)
            {
                continue;
            }

            var idf = terms.Max(term => Bm25Index.InverseDocumentFrequency(index.DocumentFrequency(term), index.PassageCount));
            for (var t = start; t < start + length; t++)
            {
                weights[t] = idf / length;
            }
        }

        var total = weights.Sum();
        if (total > 0)
        {
            for (var t = 0; t < weights.Length; t++)
            {
                weights[t] /= total;
            }
        }

        return new QueryTokens(encoded.TokenRows, weights, dimensions);
    }

    /// <summary>Whole words rebuilt from pieces: a "##" piece continues the word before it.</summary>
    private static IEnumerable<(int Start, int Length, string Word)> Words(IReadOnlyList<string> pieces)
    {
        var start = 0;
        while (start < pieces.Count)
        {
            var end = start + 1;
            var word = pieces[start];
            while (end < pieces.Count && pieces[end].StartsWith("##", StringComparison.Ordinal))
            {
                word += pieces[end][2..];
                end++;
            }

            yield return (start, end - start, word);
            start = end;
        }
    }
}
