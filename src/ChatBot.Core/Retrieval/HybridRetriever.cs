using System.Diagnostics;
using ChatBot.Core.Diagnostics;
using ChatBot.Core.Retrieval.LateInteraction;
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
    IPassageTokenStateStore? tokenStates = null,
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
        var embedStarted = Stopwatch.GetTimestamp();
        var (queryVector, queryTokens) = await EmbedQuestionAsync(model, question, index, cancellationToken);
        metrics?.QuestionEmbedded(Stopwatch.GetElapsedTime(embedStarted));
        var query = queryVector.Span;
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

        var mean = matrix.MeanSimilarity(query);
        var unknownNames = UnknownNames.Count(question, analyzer, index);
        var candidates = fused
            .OrderByDescending(c => c.Score)
            .Take(limit)
            .Select(c => new RetrievalCandidate(c.PassageId, pool.ArticleOf(c.PassageId), c.Score, evidence.Coverage(c.PassageId), pool.SimilarityOf(c.PassageId))
            {
                UnseenQuestionTerms = evidence.UnseenTerms,
                QuestionTerms = terms.Count,
                UnknownNames = unknownNames,
                Peakedness = pool.SimilarityOf(c.PassageId) - mean,
            })
            .ToList();
        return queryTokens is null || tokenStates is null
            ? candidates
            : await RerankAsync(candidates, queryTokens, dense.VectorSetId(model), settings, cancellationToken);
    }

    /// <summary>The question's vector, and with a token encoder its weighted token states from the same model run.</summary>
    private async Task<(ReadOnlyMemory<float> Vector, QueryTokens? Tokens)> EmbedQuestionAsync(
        EmbeddingModelHandle model, string question, Bm25Index index, CancellationToken cancellationToken)
    {
        if (model.TokenEncoder is { } encoder && tokenStates is not null)
        {
            var encoded = (await encoder.EncodeAsync([question], asQueries: true, cancellationToken))[0];
            return (encoded.Pooled, QueryTokens.From(encoded, analyzer, index));
        }

        var embedding = await model.Generator.GenerateAsync([question], model.QueryOptions, cancellationToken);
        return (embedding[0].Vector, null);
    }

    /// <summary>
    /// Late interaction over the first <see cref="HybridOptions.RerankDepth"/> candidates: each gets its MaxSim score
    /// and alignment, and they are re-ordered by (1 − w) × fused score + w × MaxSim, both min-max scaled over these
    /// candidates (MaxSim differences are a few hundredths, fused scores span 0–1), w =
    /// <see cref="HybridOptions.LateInteractionWeight"/>. Candidates further down keep their order and have no alignment.
    /// </summary>
    private async Task<IReadOnlyList<RetrievalCandidate>> RerankAsync(
        List<RetrievalCandidate> candidates, QueryTokens query, string vectorSet, HybridOptions settings, CancellationToken cancellationToken)
    {
        var depth = Math.Min(settings.RerankDepth, candidates.Count);
        if (depth == 0 || query.IsEmpty)
        {
            return candidates;
        }

        var head = candidates.Take(depth).ToList();
        var states = await tokenStates!.GetTokenStatesAsync(vectorSet, head.Select(c => c.PassageId).ToList(), cancellationToken);
        var aligned = head
            .Select(c => states.TryGetValue(c.PassageId, out var passage) ? c with { Alignment = MaxSim.Align(query, passage) } : c)
            .ToList();
        if (aligned.Any(c => c.Alignment is null))
        {
            // Some passages have no states yet (an embed in progress): a partial re-rank would favour those that do.
            return aligned.Concat(candidates.Skip(depth)).ToList();
        }

        var weight = settings.LateInteractionWeight;
        var fused = MinMax(aligned.Select(c => c.RankScore).ToList());
        var late = MinMax(aligned.Select(c => c.MaxSim!.Value).ToList());
        var reranked = aligned
            .Select((c, i) => (Candidate: c, Order: i, Score: ((1 - weight) * fused[i]) + (weight * late[i])))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Order)
            .Select(x => x.Candidate with { RankScore = x.Score });
        return reranked.Concat(candidates.Skip(depth)).ToList();
    }

    private static double[] MinMax(IReadOnlyList<double> values)
    {
        var low = values.Min();
        var span = values.Max() - low;
        return values.Select(v => span > 0 ? (v - low) / span : 0).ToArray();
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
