using System.Diagnostics;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// After the article sync, embeds every passage that has no vector from the current model — new passages, or all
/// of them when the model changed — and nothing else.
/// </summary>
public sealed class PassageEmbeddingStep(
    DenseIndex dense,
    IPassageVectorStore vectors,
    IOptions<HybridOptions> options,
    IIngestProgressSink progress,
    ILogger<PassageEmbeddingStep> logger,
    IPassageTokenStateStore? tokenStates = null) : IIngestStep
{
    public async Task RunAsync(bool articlesChanged, CancellationToken cancellationToken = default)
    {
        if (options.Value.Mode == RetrievalMode.Bm25 || await dense.GetModelAsync(cancellationToken) is not { } model)
        {
            return;
        }

        // Unchanged articles and a full matrix (loaded anyway for the first question) mean nothing can be missing,
        // which spares a start-up a join over every passage.
        if (!articlesChanged && await dense.GetAsync(cancellationToken) is { } loaded
            && loaded.Matrix.Count == await vectors.CountPassagesAsync(cancellationToken))
        {
            return;
        }

        var vectorSet = dense.VectorSetId(model);
        var missing = await vectors.GetPassagesWithoutVectorsAsync(vectorSet, cancellationToken);
        if (missing.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var done = 0;
        progress.Report(new IngestProgress("embedding", 0, missing.Count, "passages"));
        foreach (var batch in missing.Chunk(options.Value.EmbeddingBatchSize))
        {
            var texts = batch.Select(p => options.Value.EmbedArticleTitle ? $"{p.ArticleTitle}. {p.Text}" : p.Text).ToList();
            var embedded = await EmbedAsync(model, texts, vectorSet, batch, cancellationToken);
            await vectors.SaveVectorsAsync(vectorSet, embedded, cancellationToken);
            progress.Report(new IngestProgress("embedding", done += batch.Length, missing.Count, "passages"));
        }

        LogDone(missing.Count, vectorSet, clock);
    }

    /// <summary>
    /// The batch's vectors; with a token encoder and a store for them, the token states of the same run are saved
    /// first, so every passage that has a vector has its states.
    /// </summary>
    private async Task<List<(long PassageId, ReadOnlyMemory<float> Vector)>> EmbedAsync(
        EmbeddingModelHandle model, List<string> texts, string vectorSet, PassageToEmbed[] batch, CancellationToken cancellationToken)
    {
        if (model.TokenEncoder is { } encoder && tokenStates is not null)
        {
            var encoded = await encoder.EncodeAsync(texts, asQueries: false, cancellationToken);
            await tokenStates.SaveTokenStatesAsync(
                vectorSet,
                batch.Select((p, i) => (p.PassageId, TokenStates.Quantize(encoded[i].TokenRows, model.Dimensions))).ToList(),
                cancellationToken);
            return batch.Select((p, i) => (p.PassageId, encoded[i].Pooled)).ToList();
        }

        var embeddings = await model.Generator.GenerateAsync(texts, model.PassageOptions, cancellationToken);
        return batch.Select((p, i) => (p.PassageId, embeddings[i].Vector)).ToList();
    }

    private void LogDone(int count, string vectorSet, Stopwatch clock) =>
        logger.LogInformation(
            "Embedded {Count} passages with {Model} in {Seconds:F1} s ({Rate:F0} passages/s)",
            count, vectorSet, clock.Elapsed.TotalSeconds, count / Math.Max(clock.Elapsed.TotalSeconds, 1e-6));
}
