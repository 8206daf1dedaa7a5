using System.Buffers;

namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// An immutable in-memory inverted index over all passages with BM25 ranking (k1 = 1.2, b = 0.75). Postings are
/// flat arrays (one slice per term, rows ascending), so a question costs one pass over its terms' postings and no
/// I/O. <see cref="Generation"/> is the database's passage generation it was built from.
/// </summary>
public sealed class Bm25Index
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    private readonly Dictionary<string, int> _termIds;
    private readonly float[] _lengthNorms;

    internal Bm25Index(long generation, Bm25IndexData data)
    {
        data.Validate();
        Generation = generation;
        Data = data;
        _termIds = new Dictionary<string, int>(data.Terms.Length, StringComparer.Ordinal);
        for (var t = 0; t < data.Terms.Length; t++)
        {
            _termIds.Add(data.Terms[t], t);
        }

        // k1 · (1 − b + b · length / average length) depends only on the passage, so it is computed once here.
        var average = data.Lengths.Length == 0 ? 1f : (float)data.Lengths.Average(l => (double)l);
        _lengthNorms = data.Lengths.Select(l => K1 * (1 - B + (B * l / Math.Max(average, 1f)))).ToArray();
    }

    public static Bm25Index Empty(long generation) => new(generation, Bm25IndexData.Empty);

    public long Generation { get; }

    public int PassageCount => Data.PassageIds.Length;

    /// <summary>Articles with at least one indexed passage.</summary>
    public int ArticleCount => Data.Articles.Length;

    internal Bm25IndexData Data { get; }

    /// <summary>IDF in the always-positive form, for weighing a question's terms against each other (coverage).</summary>
    public static double InverseDocumentFrequency(int documentFrequency, int passageCount) =>
        Math.Log(1 + ((passageCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    /// <summary>
    /// The classic Robertson–Spärck Jones IDF used for ranking, floored just above zero: a term in more than half
    /// the passages adds (almost) nothing to the score, so common words cannot outvote a rare one.
    /// </summary>
    public static double RankingInverseDocumentFrequency(int documentFrequency, int passageCount) =>
        Math.Max(Math.Log((passageCount - documentFrequency + 0.5) / (documentFrequency + 0.5)), 1e-6);

    public int DocumentFrequency(string term) =>
        _termIds.TryGetValue(term, out var t) ? Data.PostingStarts[t + 1] - Data.PostingStarts[t] : 0;

    /// <summary>The article of an indexed passage, or null for a passage the index does not have.</summary>
    public string? ArticleOf(long passageId)
    {
        var row = Array.BinarySearch(Data.PassageIds, passageId);
        return row >= 0 ? Data.Articles[Data.ArticleOfRow[row]] : null;
    }

    /// <summary>Whether the passage contains the term (false for unknown passages and terms).</summary>
    public bool Contains(long passageId, string term)
    {
        var row = Array.BinarySearch(Data.PassageIds, passageId);
        if (row < 0 || !_termIds.TryGetValue(term, out var t))
        {
            return false;
        }

        var start = Data.PostingStarts[t];
        return Array.BinarySearch(Data.PostingRows, start, Data.PostingStarts[t + 1] - start, row) >= 0;
    }

    /// <summary>Passages containing any of the terms, best BM25 score first (ties: lower passage id first).</summary>
    public IReadOnlyList<LexicalHit> Search(IReadOnlyList<string> terms, int limit)
    {
        var count = PassageCount;
        if (count == 0 || limit <= 0)
        {
            return [];
        }

        var scores = ArrayPool<float>.Shared.Rent(count);
        try
        {
            Array.Clear(scores, 0, count);
            var any = false;
            foreach (var term in terms.Distinct(StringComparer.Ordinal))
            {
                any |= Accumulate(term, scores);
            }

            return any ? TopHits(scores, count, limit) : [];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private bool Accumulate(string term, float[] scores)
    {
        if (!_termIds.TryGetValue(term, out var t))
        {
            return false;
        }

        var start = Data.PostingStarts[t];
        var end = Data.PostingStarts[t + 1];
        var idf = (float)RankingInverseDocumentFrequency(end - start, PassageCount);
        var rows = Data.PostingRows;
        var frequencies = Data.PostingFrequencies;
        for (var i = start; i < end; i++)
        {
            var row = rows[i];
            float tf = frequencies[i];
            scores[row] += idf * tf * (K1 + 1) / (tf + _lengthNorms[row]);
        }

        return end > start;
    }

    private List<LexicalHit> TopHits(float[] scores, int count, int limit)
    {
        var best = new TopRows(limit);
        for (var row = 0; row < count; row++)
        {
            if (scores[row] > 0)
            {
                best.Offer(row, scores[row]);
            }
        }

        return best.TakeBestFirst()
            .Select(hit => new LexicalHit(Data.PassageIds[hit.Row], Data.Articles[Data.ArticleOfRow[hit.Row]], hit.Score))
            .ToList();
    }
}
