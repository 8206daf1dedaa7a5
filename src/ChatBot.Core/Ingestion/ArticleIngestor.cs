using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Brings the store in line with a folder of articles: new and changed files are (re)processed, unchanged ones
/// cost only a hash, files that disappeared leave the index.
/// </summary>
public sealed class ArticleIngestor(
    SeedFolderReader reader,
    ArticleProcessor processor,
    IArticleStore store,
    IEnumerable<IIngestStep> steps,
    ILogger<ArticleIngestor> logger)
{
    public async Task<IngestReport> IngestAsync(string folder, CancellationToken cancellationToken = default)
    {
        var sources = await reader.ReadAsync(folder, cancellationToken);
        var stored = await store.GetContentHashesAsync(cancellationToken);
        List<string> added = [], updated = [], unchanged = [], removed = [];

        foreach (var source in sources)
        {
            var hash = ArticleProcessor.ContentHash(source);
            if (stored.TryGetValue(source.Id, out var storedHash) && storedHash == hash)
            {
                unchanged.Add(source.Id);
                continue;
            }

            var article = processor.Process(source);
            await store.ReplaceAsync(article, cancellationToken);
            (stored.ContainsKey(source.Id) ? updated : added).Add(source.Id);
            logger.LogInformation("Ingested {ArticleId}: {Passages} passages", source.Id, article.Passages.Count);
        }

        var present = sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
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
