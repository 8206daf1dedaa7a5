namespace ChatBot.Core.Retrieval;

/// <summary>
/// Retrieval v1: BM25 over the question's content words, with each candidate's IDF-weighted term coverage as the
/// evidence for whether it answers at all. A question whose rare words appear nowhere gets low coverage even when
/// a common word matches, which is what makes off-topic questions decline.
/// </summary>
public sealed class LexicalRetriever(ILexicalIndex index, QueryAnalyzer analyzer) : IPassageRetriever
{
    public string Name => "bm25";

    public async Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(
        string question, int limit, CancellationToken cancellationToken = default)
    {
        var terms = analyzer.ContentTerms(question);
        if (terms.Count == 0)
        {
            return [];
        }

        var hits = await index.SearchAsync(terms, limit, cancellationToken);
        if (hits.Count == 0)
        {
            return [];
        }

        var coverage = await CoverageAsync(terms, hits.Select(h => h.PassageId).ToList(), cancellationToken);
        return hits
            .Select(h => new RetrievalCandidate(h.PassageId, h.ArticleId, h.Score, coverage[h.PassageId], null))
            .ToList();
    }

    /// <summary>IDF-weighted share of the terms present in each passage; unknown terms weigh the most.</summary>
    public async Task<IReadOnlyDictionary<long, double>> CoverageAsync(
        IReadOnlyList<string> terms, IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken)
    {
        var (frequencies, passageCount) = await index.TermStatisticsAsync(terms, cancellationToken);
        var weights = frequencies.Select(df => InverseDocumentFrequency(df, passageCount)).ToArray();
        var total = weights.Sum();
        var matched = await index.MatchedTermsAsync(terms, passageIds, cancellationToken);

        return passageIds.ToDictionary(
            id => id,
            id => matched.TryGetValue(id, out var found) && total > 0 ? found.Sum(t => weights[t]) / total : 0.0);
    }

    /// <summary>BM25's IDF (always positive), so coverage weights agree with the ranking.</summary>
    private static double InverseDocumentFrequency(int documentFrequency, int passageCount) =>
        Math.Log(1 + (passageCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
