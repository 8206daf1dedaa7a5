using ChatBot.Core.Diagnostics;
using ChatBot.Core.Retrieval.Lexical;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Dense cosine and BM25 rankings fused into one. Every fused candidate carries both kinds of evidence — its
/// lexical coverage and its cosine similarity — for the answer policy, which decides on those and not on the
/// fused score. Without an embedding model this is exactly the BM25 retriever.
/// </summary>
public sealed class HybridRetriever(
    LexicalRetriever lexical,
    ILexicalIndexSource lexicalIndex,
    QueryAnalyzer analyzer,
    DenseIndex dense,
    IOptions<HybridOptions> options,
    ChatBotMetrics? metrics = null) : IPassageRetriever
{
    public string Name => "hybrid";

    /// <summary>Loads the BM25 index, the model and the vector matrix side by side: none waits for another.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.WhenAll(
        Task.Run(() => lexicalIndex.GetCurrentAsync(cancellationToken), cancellationToken),
        Task.Run(() => dense.GetAsync(cancellationToken), cancellationToken));

    public async Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(
        string question, int limit, CancellationToken cancellationToken = default)
    {
        var loaded = await dense.GetAsync(cancellationToken);
        if (loaded is null || string.IsNullOrWhiteSpace(question))
        {
            return await lexical.RetrieveAsync(question, limit, cancellationToken);
        }

        var (model, matrix) = loaded.Value;
        var settings = options.Value;
        var terms = analyzer.ContentTerms(question);
        var index = await lexicalIndex.GetCurrentAsync(cancellationToken);
        var lexicalHits = index.Search(terms, settings.PoolSize);
        var query = (await QueryEmbedding.EmbedAsync(model, question, metrics, cancellationToken)).Span;
        var denseHits = DenseRetriever.TopPassages(matrix, query, index, settings.PoolSize)
            .Select(hit => (hit.PassageId, hit.ArticleId))
            .ToList();
        var evidence = new QuestionTermEvidence(index, terms);
        var pool = CandidatePool.From(lexicalHits, denseHits, matrix, query);
        var fused = settings.Fusion switch
        {
            FusionMethod.ReciprocalRank => FuseByRank(settings, lexicalHits, denseHits),
            FusionMethod.RelativeScore => pool.FuseByRelativeScore(settings.DenseWeight, lexicalTrust: 1),
            FusionMethod.CoverageWeighted => pool.FuseByRelativeScore(
                settings.DenseWeight, lexicalTrust: lexicalHits.Count == 0 ? 0 : lexicalHits.Max(h => evidence.Coverage(h.PassageId))),
            _ => pool.FuseByScore(settings.DenseWeight),
        };

        return fused
            .OrderByDescending(c => c.Score)
            .Take(limit)
            .Select(c => new RetrievalCandidate(c.PassageId, pool.ArticleOf(c.PassageId), c.Score, evidence.Coverage(c.PassageId), pool.SimilarityOf(c.PassageId))
            {
                UnseenQuestionTerms = evidence.UnseenTerms,
            })
            .ToList();
    }

    private static List<(long PassageId, double Score)> FuseByRank(
        HybridOptions settings, IReadOnlyList<LexicalHit> lexicalHits, IReadOnlyList<(long PassageId, string ArticleId)> denseHits)
    {
        var scores = new Dictionary<long, double>();
        void Add(long id, double score) => scores[id] = scores.GetValueOrDefault(id) + score;

        for (var rank = 0; rank < lexicalHits.Count; rank++)
        {
            Add(lexicalHits[rank].PassageId, (1 - settings.DenseWeight) / (settings.RrfK + rank + 1));
        }

        for (var rank = 0; rank < denseHits.Count; rank++)
        {
            Add(denseHits[rank].PassageId, settings.DenseWeight / (settings.RrfK + rank + 1));
        }

        return scores.Select(s => (s.Key, s.Value)).ToList();
    }
}
