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
        var evidence = new QuestionTermEvidence(index, terms);
        return index.Search(terms, limit)
            .Select(h => new RetrievalCandidate(h.PassageId, h.ArticleId, h.Score, evidence.Coverage(h.PassageId), null)
            {
                UnseenQuestionTerms = evidence.UnseenTerms,
            })
            .ToList();
    }
}
