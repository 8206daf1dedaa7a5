namespace ChatBot.Core.Retrieval;

/// <summary>
/// The union of a question's BM25 and dense candidates, each with its BM25 score scaled by the best (0 when it shares
/// no word) and its cosine similarity, computed once here for both the fusion and the answer policy (it was
/// computed twice a candidate before).
/// </summary>
internal sealed class CandidatePool
{
    private readonly Dictionary<long, (string ArticleId, double Lexical, double? Similarity)> _entries;

    private CandidatePool(Dictionary<long, (string ArticleId, double Lexical, double? Similarity)> entries) => _entries = entries;

    public static CandidatePool From(
        IReadOnlyList<LexicalHit> lexicalHits,
        IReadOnlyList<(long PassageId, string ArticleId)> denseHits,
        PassageMatrix matrix,
        ReadOnlySpan<float> query)
    {
        var bestLexical = lexicalHits.Count > 0 ? lexicalHits.Max(h => h.Score) : 1;
        var entries = new Dictionary<long, (string ArticleId, double Lexical, double? Similarity)>(lexicalHits.Count + denseHits.Count);
        foreach (var hit in lexicalHits)
        {
            entries[hit.PassageId] = (hit.ArticleId, hit.Score / bestLexical, matrix.Similarity(hit.PassageId, query));
        }

        foreach (var (id, article) in denseHits)
        {
            if (!entries.ContainsKey(id))
            {
                entries[id] = (article, 0, matrix.Similarity(id, query));
            }
        }

        return new CandidatePool(entries);
    }

    public string ArticleOf(long passageId) => _entries[passageId].ArticleId;

    /// <summary>Null for a passage without a vector of the current model (an ingest racing this question).</summary>
    public double? SimilarityOf(long passageId) => _entries[passageId].Similarity;

    /// <summary>Weighted sum of the raw cosine (negative counts as 0) and the scaled BM25 score.</summary>
    public List<(long PassageId, double Score)> FuseByScore(double denseWeight) =>
        _entries
            .Select(e => (e.Key, ((1 - denseWeight) * e.Value.Lexical) + (denseWeight * Math.Max(0, e.Value.Similarity ?? 0))))
            .ToList();

    /// <summary>
    /// Weighted sum of both scores, each rescaled to 0–1 over the pool (min–max): BM25 from 0 to its best, cosine from
    /// the pool's lowest to its highest. A model whose similarities all sit in a narrow band (arctic-embed-xs: about
    /// 0.45–0.88 on the seeds) then spreads its ranking over the same range as BM25. <paramref name="lexicalTrust"/>
    /// (0–1) scales the BM25 side further, e.g. by how much of the question the best lexical match covers.
    /// </summary>
    public List<(long PassageId, double Score)> FuseByRelativeScore(double denseWeight, double lexicalTrust)
    {
        var lowest = double.MaxValue;
        var highest = double.MinValue;
        foreach (var entry in _entries.Values)
        {
            lowest = Math.Min(lowest, entry.Similarity ?? 0);
            highest = Math.Max(highest, entry.Similarity ?? 0);
        }

        var range = highest - lowest;
        return _entries
            .Select(e => (e.Key,
                ((1 - denseWeight) * lexicalTrust * e.Value.Lexical) +
                (denseWeight * (range > 0 ? ((e.Value.Similarity ?? 0) - lowest) / range : 1))))
            .ToList();
    }
}
