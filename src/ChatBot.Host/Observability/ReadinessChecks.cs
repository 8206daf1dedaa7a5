using ChatBot.Core.Diagnostics;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Observability;

/// <summary>
/// Ready when the embedding model is verified and loaded (or turned off on purpose). Never waits for the set-up:
/// a probe answers at once.
/// </summary>
internal sealed class ModelReadinessCheck(IEmbeddingModelSource models, IOptions<OnnxEmbeddingOptions> options) : IHealthCheck
{
    private static readonly CancellationToken NoWait = new(canceled: true);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (string.Equals(options.Value.Model, OnnxEmbeddingOptions.Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return HealthCheckResult.Healthy("off (Embeddings:Model = none)");
        }

        try
        {
            var (model, reason) = await models.TryGetAsync(NoWait);
            return model is not null
                ? HealthCheckResult.Healthy(model.ModelId)
                : HealthCheckResult.Unhealthy("unavailable: " + reason);
        }
        catch (OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("verifying and loading");
        }
    }
}

/// <summary>
/// Ready when the library has been synced and the indexes in memory are at the store's current generations (BM25
/// always; the vector matrix when retrieval uses the model). A stale index starts its reload here, so a replica that
/// falls behind another's ingest catches up before it is sent traffic again rather than on a user's question.
/// </summary>
internal sealed class IndexReadinessCheck(
    ArticleLibrary library,
    ILexicalIndexSource lexicalSource,
    ILexicalIndexStore lexicalStore,
    DenseIndex dense,
    IPassageVectorStore vectors,
    IPassageRetriever retriever,
    IOptions<HybridOptions> hybrid) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task _reload = Task.CompletedTask;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!library.HasSynced)
        {
            return HealthCheckResult.Unhealthy("library sync running");
        }

        var lexical = (lexicalSource as LexicalIndexCache)?.Loaded;
        var passageGeneration = await lexicalStore.GetPassageGenerationAsync(cancellationToken);
        if (lexical?.Generation != passageGeneration)
        {
            StartReload();
            return HealthCheckResult.Unhealthy($"BM25 index at generation {Describe(lexical?.Generation)}, store at {passageGeneration}; loading");
        }

        if (hybrid.Value.Mode != RetrievalMode.Bm25 && dense.MinSimilarity is not null)
        {
            var vectorGeneration = await vectors.GetGenerationAsync(cancellationToken);
            if (dense.LoadedGeneration != vectorGeneration)
            {
                StartReload();
                return HealthCheckResult.Unhealthy($"vectors at generation {Describe(dense.LoadedGeneration)}, store at {vectorGeneration}; loading");
            }
        }

        return HealthCheckResult.Healthy($"generation {passageGeneration}, {lexical.PassageCount} passages");
    }

    private static string Describe(long? generation) => generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)";

    /// <summary>One reload at a time, however often the probe asks; its failure shows as the index staying stale.</summary>
    private void StartReload()
    {
        lock (_gate)
        {
            if (_reload.IsCompleted)
            {
                _reload = Task.Run(() => retriever.WarmUpAsync(CancellationToken.None));
            }
        }
    }
}

/// <summary>Ready when every platform with a token is connected (or stands by for another replica's poller).</summary>
internal sealed class PlatformReadinessCheck(PlatformConnections connections) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var platforms = connections.Snapshot();
        var waiting = platforms.Where(p => !p.State.IsReady).Select(p => $"{p.Platform} {p.State.Description}").ToList();
        var all = string.Join(", ", platforms.Select(p => $"{p.Platform} {p.State.Description}"));
        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy(platforms.Count == 0 ? "none configured" : all)
            : HealthCheckResult.Unhealthy(string.Join(", ", waiting)));
    }
}
