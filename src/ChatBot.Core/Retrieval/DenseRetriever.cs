using ChatBot.Core.Diagnostics;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Exact cosine search alone: the dense baseline that <c>eval --retriever dense</c> measures beside BM25 and hybrid.
/// Its candidates carry no lexical evidence (coverage 0), so the answer policy decides on the model's similarity
/// threshold only — which is what calibrating that threshold needs to see.
/// </summary>
public sealed class DenseRetriever(DenseIndex dense, ILexicalIndexSource lexicalIndex, ChatBotMetrics? metrics = null) : IPassageRetriever
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

        var index = await lexicalIndex.GetCurrentAsync(cancellationToken);
        var query = await QueryEmbedding.EmbedAsync(model, question, metrics, cancellationToken);
        return TopPassages(matrix, query.Span, index, limit)
            .Select(hit => new RetrievalCandidate(hit.PassageId, hit.ArticleId, hit.Similarity, LexicalCoverage: 0, hit.Similarity))
            .ToList();
    }

    /// <summary>
    /// The <paramref name="limit"/> most similar passages with their articles. The lexical index knows every passage's
    /// article; a vector of a passage it lacks (a write racing this question) is skipped rather than cited without one.
    /// </summary>
    public static List<(long PassageId, string ArticleId, double Similarity)> TopPassages(
        PassageMatrix matrix, ReadOnlySpan<float> query, Bm25Index index, int limit)
    {
        var hits = new List<(long, string, double)>(limit);
        foreach (var (row, similarity) in matrix.TopK(query, limit))
        {
            var passageId = matrix.PassageIds[row];
            if (index.ArticleOf(passageId) is { } articleId)
            {
                hits.Add((passageId, articleId, similarity));
            }
        }

        return hits;
    }
}
