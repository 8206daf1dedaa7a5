namespace ChatBot.Core.Retrieval;

/// <summary>A BM25 hit: passage id, its article and the BM25 score (higher is better).</summary>
public sealed record LexicalHit(long PassageId, string ArticleId, double Score);

/// <summary>Full-text index over passages (SQLite FTS5 in production).</summary>
public interface ILexicalIndex
{
    /// <summary>Passages matching any of <paramref name="terms"/>, ranked by BM25.</summary>
    Task<IReadOnlyList<LexicalHit>> SearchAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default);

    /// <summary>For each passage id, which of <paramref name="terms"/> (by index) it contains, as the index tokenises them.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlySet<int>>> MatchedTermsAsync(
        IReadOnlyList<string> terms, IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default);

    /// <summary>Number of passages containing each term, and the total number of passages.</summary>
    Task<(IReadOnlyList<int> DocumentFrequencies, int PassageCount)> TermStatisticsAsync(
        IReadOnlyList<string> terms, CancellationToken cancellationToken = default);
}
