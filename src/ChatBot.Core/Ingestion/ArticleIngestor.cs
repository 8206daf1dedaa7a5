using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Brings the store in line with the library's folders: new and changed files are (re)processed, untouched ones
/// cost a stat (their size and time match what was stored), touched but unchanged ones a hash, and files that
/// disappeared from a folder that is still there leave the index. A bad file is skipped with its reason and keeps
/// whatever version of it was stored; a folder that is missing keeps its articles.
/// </summary>
public sealed class ArticleIngestor(
    SeedFolderReader reader,
    ArticleProcessor processor,
    IArticleStore store,
    IEnumerable<IIngestStep> steps,
    IIngestProgressSink progress,
    ILogger<ArticleIngestor> logger)
{
    /// <summary>Syncs one folder as if it were the whole library (tests and the bench's synthetic corpora).</summary>
    public Task<IngestReport> IngestAsync(string folder, CancellationToken cancellationToken = default) =>
        IngestAsync([Path.GetFullPath(folder)], cancellationToken);

    public async Task<IngestReport> IngestAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken = default)
    {
        var skipped = new List<SkippedFile>();
        var missing = folders.Where(f => !Directory.Exists(f)).ToList();
        var files = AssignIds(folders.Except(missing).Select(folder => reader.List(folder, skipped)).ToList());
        var stored = await store.GetSourceStatesAsync(cancellationToken);
        List<string> added = [], updated = [], unchanged = [], removed = [];
        List<(string ArticleId, string? Signature, string Folder)> touched = [];
        var present = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (file, index) in files.Select((f, i) => (f, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report(new IngestProgress("articles", index, files.Count, "files"));
            present.Add(file.Id);
            stored.TryGetValue(file.Id, out var state);
            if (file.Signature is not null && state?.Signature == file.Signature && state.Folder == file.Folder)
            {
                unchanged.Add(file.Id);
                continue;
            }

            ProcessedArticle article;
            try
            {
                var source = reader.Read(file);
                if (state?.ContentHash == ArticleProcessor.ContentHash(source))
                {
                    unchanged.Add(file.Id);
                    if (state.Signature != file.Signature || state.Folder != file.Folder)
                    {
                        touched.Add((file.Id, file.Signature, file.Folder));
                    }

                    continue;
                }

                article = processor.Process(source);
            }
            catch (InvalidDataException ex)
            {
                skipped.Add(Skip(file, ex.Message));
                continue;
            }

            await store.ReplaceAsync(article, file.Signature, cancellationToken);
            (state is null ? added : updated).Add(file.Id);
            logger.LogInformation("Ingested {ArticleId}: {Passages} passages", file.Id, article.Passages.Count);
        }

        progress.Report(new IngestProgress("articles", files.Count, files.Count, "files"));
        if (touched.Count > 0)
        {
            await store.SetSignaturesAsync(touched, cancellationToken);
        }

        foreach (var skip in skipped)
        {
            logger.LogWarning("Skipped {File}: {Reason}", skip.Path, skip.Reason);
        }

        // Skipped files keep their stored version: a file that turned bad is reported, not silently dropped.
        present.UnionWith(skipped.Select(s => IdOf(s.Path, files)).OfType<string>());
        var unavailable = missing.ToHashSet(StringComparer.Ordinal);
        foreach (var (id, state) in stored.Where(s => !present.Contains(s.Key)))
        {
            if (unavailable.Contains(state.Folder) || IsSkippedPath(id, state, skipped))
            {
                continue;
            }

            await store.DeleteAsync(id, cancellationToken);
            removed.Add(id);
            logger.LogInformation("Removed {ArticleId}: its file is gone", id);
        }

        foreach (var folder in missing)
        {
            logger.LogWarning("Article folder not found: {Folder} (its articles are kept; `library remove` takes it out of the library)", folder);
        }

        foreach (var step in steps)
        {
            await step.RunAsync(added.Count + updated.Count + removed.Count > 0, cancellationToken);
        }

        return new IngestReport(added, updated, unchanged, removed, await store.GetStoredArticlesAsync(cancellationToken))
        {
            Skipped = skipped,
            MissingFolders = missing,
        };
    }

    /// <summary>
    /// Ids are file names; when a later folder holds a name an earlier one already has, its article is told apart
    /// by its folder's name (<c>other/000_x</c>), so both are in the library.
    /// </summary>
    private static List<ArticleFile> AssignIds(IReadOnlyList<IReadOnlyList<ArticleFile>> folders)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ArticleFile>();
        foreach (var file in folders.SelectMany(f => f))
        {
            var id = file.Id;
            if (!taken.Add(id))
            {
                var qualified = $"{Path.GetFileName(file.Folder)}/{file.Id}";
                id = qualified;
                for (var n = 2; !taken.Add(id); n++)
                {
                    id = $"{qualified}~{n}";
                }
            }

            result.Add(file with { Id = id });
        }

        return result;
    }

    /// <summary>The reader and processor name the file at fault first ("PATH: reason"); the skip keeps that file.</summary>
    private static SkippedFile Skip(ArticleFile file, string message)
    {
        foreach (var path in new[] { file.SidecarPath, file.Path }.OfType<string>())
        {
            if (message.StartsWith(path + ": ", StringComparison.Ordinal))
            {
                return new SkippedFile(path, message[(path.Length + 2)..]);
            }
        }

        return new SkippedFile(file.Path, message);
    }

    private static string? IdOf(string path, IReadOnlyList<ArticleFile> files) =>
        files.FirstOrDefault(f => f.Path == path || f.SidecarPath == path)?.Id;

    /// <summary>A file skipped while listing (not even examined) has no id yet; its stored article is matched by name.</summary>
    private static bool IsSkippedPath(string id, StoredSourceState state, IReadOnlyList<SkippedFile> skipped) =>
        skipped.Any(s => Path.GetDirectoryName(s.Path) == state.Folder &&
                         (Path.GetFileName(s.Path) == Path.GetFileName(id) + ".txt" || Path.GetFileName(s.Path) == Path.GetFileName(id) + SeedFolderReader.SidecarSuffix));
}
