using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Retrieval v1: BM25 over the question's content terms, with each candidate's IDF-weighted term coverage as the
/// evidence for whether it answers at all. A question whose rare words appear nowhere gets low coverage even when
/// a common word matches, which is what makes off-topic questions decline.
/// </summary>
public sealed class LexicalRetriever(ILexicalIndexSource indexSource, QueryAnalyzer analyzer) : IPassageRetriever
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

        var index = await indexSource.GetCurrentAsync(cancellationToken);
        return index.Search(terms, limit)
            .Select(h => new RetrievalCandidate(h.PassageId, h.ArticleId, h.Score, Coverage(index, terms, h.PassageId), null))
            .ToList();
    }

    /// <summary>IDF-weighted share of the terms present in the passage; terms found nowhere weigh the most.</summary>
    public static double Coverage(Bm25Index index, IReadOnlyList<string> terms, long passageId)
    {
        double total = 0, found = 0;
        foreach (var term in terms)
        {
            var weight = Bm25Index.InverseDocumentFrequency(index.DocumentFrequency(term), index.PassageCount);
            total += weight;
            if (index.Contains(passageId, term))
            {
                found += weight;
            }
        }

        return total > 0 ? found / total : 0;
    }
}
