using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Exact cosine search alone: the dense baseline that <c>eval --retriever dense</c> measures beside BM25 and hybrid.
/// Its candidates carry no lexical evidence (coverage 0), so the answer policy decides on the model's similarity
/// threshold only — which is what calibrating that threshold needs to see.
/// </summary>
public sealed class DenseRetriever(DenseIndex dense, ILexicalIndexSource lexicalIndex) : IPassageRetriever
{
    public string Name => "dense";

    public Task WarmUpAsync(CancellationToken cancellationToken = default) => dense.GetAsync(cancellationToken);

    public async Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(
        string question, int limit, CancellationToken cancellationToken = default)
    {
        var (model, matrix) = await dense.GetAsync(cancellationToken)
            ?? throw new InvalidOperationException("dense retrieval needs an embedding model, and none is loaded (see the log for why)");
        if (string.IsNullOrWhiteSpace(question))
        {
            return [];
        }

        // The lexical index knows every passage's article (as in HybridRetriever, a vector without one is skipped).
        var index = await lexicalIndex.GetCurrentAsync(cancellationToken);
        var embedding = await model.Generator.GenerateAsync([question], model.QueryOptions, cancellationToken);
        var candidates = new List<RetrievalCandidate>(limit);
        foreach (var (row, similarity) in matrix.TopK(embedding[0].Vector.Span, limit))
        {
            var passageId = matrix.PassageIds[row];
            if (index.ArticleOf(passageId) is { } articleId)
            {
                candidates.Add(new RetrievalCandidate(passageId, articleId, similarity, LexicalCoverage: 0, similarity));
            }
        }

        return candidates;
    }
}
