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
    IOptions<HybridOptions> options) : IPassageRetriever
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
        var embedding = await model.Generator.GenerateAsync([question], model.QueryOptions, cancellationToken);
        var query = embedding[0].Vector.Span;
        // The lexical index knows every passage's article; a vector of a passage it lacks (a write racing this
        // question) is skipped rather than cited without its article.
        var denseHits = new List<(long PassageId, string ArticleId)>();
        foreach (var (row, _) in matrix.TopK(query, settings.PoolSize))
        {
            var passageId = matrix.PassageIds[row];
            if (index.ArticleOf(passageId) is { } articleId)
            {
                denseHits.Add((passageId, articleId));
            }
        }

        var fused = settings.Fusion switch
        {
            FusionMethod.ReciprocalRank => FuseByRank(settings, lexicalHits, denseHits),
            FusionMethod.RelativeScore => FuseByRelativeScore(settings, lexicalHits, denseHits, matrix, query, 1),
            FusionMethod.CoverageWeighted => FuseByRelativeScore(
                settings, lexicalHits, denseHits, matrix, query, BestCoverage(LexicalRetriever.CoverageOf(index, terms), lexicalHits)),
            _ => FuseByScore(settings, lexicalHits, denseHits, matrix, query),
        };
        var ranked = fused.OrderByDescending(c => c.Score).Take(limit).ToList();
        var vector = embedding[0].Vector;
        var coverage = LexicalRetriever.CoverageOf(index, terms);
        return ranked
            .Select(c => new RetrievalCandidate(c.PassageId, c.ArticleId, c.Score, coverage(c.PassageId), matrix.Similarity(c.PassageId, vector.Span)))
            .ToList();
    }

    private static List<(long PassageId, string ArticleId, double Score)> FuseByRank(
        HybridOptions settings, IReadOnlyList<LexicalHit> lexicalHits, IReadOnlyList<(long PassageId, string ArticleId)> denseHits)
    {
        var scores = new Dictionary<long, (string ArticleId, double Score)>();
        void Add(long id, string article, double score) =>
            scores[id] = (article, (scores.TryGetValue(id, out var current) ? current.Score : 0) + score);

        for (var rank = 0; rank < lexicalHits.Count; rank++)
        {
            Add(lexicalHits[rank].PassageId, lexicalHits[rank].ArticleId, (1 - settings.DenseWeight) / (settings.RrfK + rank + 1));
        }

        for (var rank = 0; rank < denseHits.Count; rank++)
        {
            Add(denseHits[rank].PassageId, denseHits[rank].ArticleId, settings.DenseWeight / (settings.RrfK + rank + 1));
        }

        return scores.Select(s => (s.Key, s.Value.ArticleId, s.Value.Score)).ToList();
    }

    /// <summary>
    /// Weighted sum over the union of both pools: BM25 scaled by the query's best BM25 score (0 when the passage
    /// shares no word), plus the cosine similarity, which the matrix gives for every candidate.
    /// </summary>
    private static List<(long PassageId, string ArticleId, double Score)> FuseByScore(
        HybridOptions settings,
        IReadOnlyList<LexicalHit> lexicalHits,
        IReadOnlyList<(long PassageId, string ArticleId)> denseHits,
        PassageMatrix matrix,
        ReadOnlySpan<float> query)
    {
        var bestLexical = lexicalHits.Count > 0 ? lexicalHits.Max(h => h.Score) : 1;
        var candidates = new Dictionary<long, (string ArticleId, double Lexical)>();
        foreach (var hit in lexicalHits)
        {
            candidates[hit.PassageId] = (hit.ArticleId, hit.Score / bestLexical);
        }

        foreach (var (id, article) in denseHits)
        {
            candidates.TryAdd(id, (article, 0));
        }

        var fused = new List<(long, string, double)>(candidates.Count);
        foreach (var (id, (article, lexicalScore)) in candidates)
        {
            var similarity = matrix.Similarity(id, query) ?? 0;
            fused.Add((id, article, ((1 - settings.DenseWeight) * lexicalScore) + (settings.DenseWeight * Math.Max(0, similarity))));
        }

        return fused;
    }

    private static double BestCoverage(Func<long, double> coverage, IReadOnlyList<LexicalHit> lexicalHits) =>
        lexicalHits.Count == 0 ? 0 : lexicalHits.Max(h => coverage(h.PassageId));

    /// <summary>
    /// Weighted sum of both scores, each rescaled to 0–1 over the question's candidate pool (min–max): BM25 from 0 to
    /// its best, cosine from the pool's lowest to its highest. A model whose similarities all sit in a narrow band
    /// (arctic-embed-xs: 0.5–0.8 on these articles) then spreads its ranking over the same range as BM25.
    /// </summary>
    private static List<(long PassageId, string ArticleId, double Score)> FuseByRelativeScore(
        HybridOptions settings,
        IReadOnlyList<LexicalHit> lexicalHits,
        IReadOnlyList<(long PassageId, string ArticleId)> denseHits,
        PassageMatrix matrix,
        ReadOnlySpan<float> query,
        double lexicalTrust)
    {
        var bestLexical = lexicalHits.Count > 0 ? lexicalHits.Max(h => h.Score) : 1;
        var candidates = new Dictionary<long, (string ArticleId, double Lexical, double Similarity)>();
        foreach (var hit in lexicalHits)
        {
            candidates[hit.PassageId] = (hit.ArticleId, hit.Score / bestLexical, 0);
        }

        foreach (var (id, article) in denseHits)
        {
            candidates.TryAdd(id, (article, 0, 0));
        }

        var lowest = double.MaxValue;
        var highest = double.MinValue;
        foreach (var id in candidates.Keys)
        {
            var similarity = matrix.Similarity(id, query) ?? 0;
            candidates[id] = candidates[id] with { Similarity = similarity };
            lowest = Math.Min(lowest, similarity);
            highest = Math.Max(highest, similarity);
        }

        var range = highest - lowest;
        return candidates
            .Select(c => (c.Key, c.Value.ArticleId,
                ((1 - settings.DenseWeight) * lexicalTrust * c.Value.Lexical) +
                (settings.DenseWeight * (range > 0 ? (c.Value.Similarity - lowest) / range : 1))))
            .ToList();
    }
}
