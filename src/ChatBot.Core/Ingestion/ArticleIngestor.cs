using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Brings the store in line with a folder of articles: new and changed files are (re)processed, untouched ones
/// cost a stat (their size and time match what was stored), touched but unchanged ones a hash, and files that
/// disappeared leave the index.
/// </summary>
public sealed class ArticleIngestor(
    SeedFolderReader reader,
    ArticleProcessor processor,
    IArticleStore store,
    IEnumerable<IIngestStep> steps,
    IIngestLock ingestLock,
    ILogger<ArticleIngestor> logger)
{
    public async Task<IngestReport> IngestAsync(string folder, CancellationToken cancellationToken = default)
    {
        // Held for the whole sync: the stored state read below must not change under it, and a second ingest that
        // waited finds the work done (unchanged signatures) instead of redoing it.
        await using var held = await ingestLock.AcquireAsync(cancellationToken);
        var files = reader.List(folder);
        var stored = await store.GetSourceStatesAsync(cancellationToken);
        List<string> added = [], updated = [], unchanged = [], removed = [];
        List<(string ArticleId, string? Signature)> touched = [];

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stored.TryGetValue(file.Id, out var state);
            if (file.Signature is not null && state?.Signature == file.Signature)
            {
                unchanged.Add(file.Id);
                continue;
            }

            var source = reader.Read(file);
            if (state?.ContentHash == ArticleProcessor.ContentHash(source))
            {
                unchanged.Add(file.Id);
                if (state.Signature != file.Signature)
                {
                    touched.Add((file.Id, file.Signature));
                }

                continue;
            }

            var article = processor.Process(source);
            await store.ReplaceAsync(article, file.Signature, cancellationToken);
            (state is null ? added : updated).Add(file.Id);
            logger.LogInformation("Ingested {ArticleId}: {Passages} passages", file.Id, article.Passages.Count);
        }

        if (touched.Count > 0)
        {
            await store.SetSignaturesAsync(touched, cancellationToken);
        }

        var present = files.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in stored.Keys.Where(id => !present.Contains(id)))
        {
            await store.DeleteAsync(id, cancellationToken);
            removed.Add(id);
            logger.LogInformation("Removed {ArticleId}: its file is gone", id);
        }

        foreach (var step in steps)
        {
            await step.RunAsync(added.Count + updated.Count + removed.Count > 0, cancellationToken);
        }

        return new IngestReport(added, updated, unchanged, removed, await store.GetStoredArticlesAsync(cancellationToken));
    }
}
