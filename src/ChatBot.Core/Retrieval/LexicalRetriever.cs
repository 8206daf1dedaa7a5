using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// BM25 over the question's content terms, with each candidate's IDF-weighted term coverage as the
/// evidence for whether it answers at all. A question whose rare words appear nowhere gets low coverage even when
/// a common word matches, which is what makes off-topic questions decline.
/// </summary>
public sealed class LexicalRetriever(ILexicalIndexSource indexSource, QueryAnalyzer analyzer) : IPassageRetriever
{
    public string Name => "bm25";

    public Task WarmUpAsync(CancellationToken cancellationToken = default) => indexSource.GetCurrentAsync(cancellationToken);

    public async Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(
        string question, int limit, CancellationToken cancellationToken = default)
    {
        var terms = analyzer.ContentTerms(question);
        if (terms.Count == 0)
        {
            return [];
        }

        var index = await indexSource.GetCurrentAsync(cancellationToken);
        var coverage = CoverageOf(index, terms);
        var unseen = UnseenTerms(index, terms);
        return index.Search(terms, limit)
            .Select(h => new RetrievalCandidate(h.PassageId, h.ArticleId, h.Score, coverage(h.PassageId), null) { UnseenQuestionTerms = unseen })
            .ToList();
    }

    /// <summary>How many of the terms no passage of the library contains.</summary>
    public static int UnseenTerms(Bm25Index index, IReadOnlyList<string> terms) => terms.Count(t => index.DocumentFrequency(t) == 0);

    /// <summary>
    /// The IDF-weighted share of the terms a passage contains (terms found nowhere weigh the most); the weights
    /// belong to the question, so they are computed once for all its candidates.
    /// </summary>
    public static Func<long, double> CoverageOf(Bm25Index index, IReadOnlyList<string> terms)
    {
        var weights = new double[terms.Count];
        double total = 0;
        for (var t = 0; t < terms.Count; t++)
        {
            weights[t] = Bm25Index.InverseDocumentFrequency(index.DocumentFrequency(terms[t]), index.PassageCount);
            total += weights[t];
        }

        return passageId =>
        {
            double found = 0;
            for (var t = 0; t < terms.Count; t++)
            {
                if (index.Contains(passageId, terms[t]))
                {
                    found += weights[t];
                }
            }

            return total > 0 ? found / total : 0;
        };
    }
}
