using System.Diagnostics;
using ChatBot.Core.Retrieval;
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
    ILogger<PassageEmbeddingStep> logger) : IIngestStep
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
            var embeddings = await model.Generator.GenerateAsync(texts, model.PassageOptions, cancellationToken);
            await vectors.SaveVectorsAsync(
                vectorSet,
                batch.Select((p, i) => (p.PassageId, embeddings[i].Vector)).ToList(),
                cancellationToken);
            progress.Report(new IngestProgress("embedding", done += batch.Length, missing.Count, "passages"));
        }

        logger.LogInformation(
            "Embedded {Count} passages with {Model} in {Seconds:F1} s ({Rate:F0} passages/s)",
            missing.Count, vectorSet, clock.Elapsed.TotalSeconds, missing.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-6));
    }
}
