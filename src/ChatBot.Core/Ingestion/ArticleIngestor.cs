using ChatBot.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Brings the store in line with the library's folders: new and changed files are (re)processed, untouched ones
/// cost a stat (their size and time match what was stored), touched but unchanged ones a hash, and files that
/// disappeared from a folder that is still there leave the index. A bad file is skipped with its reason and keeps
/// whatever version of it was stored; a folder that is missing keeps its articles.
/// </summary>
/// <remarks>
/// Articles are stored with their folder's key (<see cref="LibraryFolder.Key"/>), the same in every process, so the
/// one rule for removal holds across replicas: an article leaves only when this process reads its folder and the
/// file is not there, or when its folder is no longer in the (shared) library. A folder this process cannot see
/// removes nothing.
/// </remarks>
public sealed class ArticleIngestor(
    SeedFolderReader reader,
    ArticleProcessor processor,
    IArticleStore store,
    IEnumerable<IIngestStep> steps,
    IIngestProgressSink progress,
    ContentRoot root,
    ILogger<ArticleIngestor> logger)
{
    /// <summary>Syncs one folder as if it were the whole library (tests and the bench's synthetic corpora).</summary>
    public Task<IngestReport> IngestAsync(string folder, CancellationToken cancellationToken = default) =>
        IngestAsync([new LibraryFolder(root.KeyOf(folder), root.Resolve(folder))], cancellationToken);

    public async Task<IngestReport> IngestAsync(IReadOnlyList<LibraryFolder> folders, CancellationToken cancellationToken = default)
    {
        var skipped = new List<SkippedFile>();
        var missing = folders.Where(f => !Directory.Exists(f.Path)).ToList();
        // Stored as written (older versions wrote full paths, rewritten to keys as their files are next seen).
        var stored = await store.GetSourceStatesAsync(cancellationToken);
        var unavailable = missing.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        // Ids held by articles of folders this process cannot see stay theirs: a same-named file elsewhere is qualified.
        var heldElsewhere = stored.Where(s => unavailable.Contains(KeyOf(s.Value.Folder))).Select(s => s.Key);
        var files = AssignIds(folders.Except(missing).Select(folder => List(folder, skipped)).ToList(), heldElsewhere);
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
        foreach (var (id, state) in stored.Where(s => !present.Contains(s.Key)))
        {
            if (unavailable.Contains(KeyOf(state.Folder)) || IsSkippedPath(id, KeyOf(state.Folder), skipped, folders))
            {
                continue;
            }

            await store.DeleteAsync(id, cancellationToken);
            removed.Add(id);
            logger.LogInformation("Removed {ArticleId}: its file is gone", id);
        }

        foreach (var step in steps)
        {
            await step.RunAsync(added.Count + updated.Count + removed.Count > 0, cancellationToken);
        }

        return new IngestReport(added, updated, unchanged, removed, await store.GetStoredArticlesAsync(cancellationToken))
        {
            Skipped = skipped,
            MissingFolders = missing.Select(f => f.Path).ToList(),
        };
    }

    /// <summary>
    /// Ids are file names; when a later folder holds a name an earlier one already has, its article is told apart
    /// by its folder's name (<c>other/000_x</c>), so both are in the library.
    /// </summary>
    private static List<ArticleFile> AssignIds(IReadOnlyList<IReadOnlyList<ArticleFile>> folders, IEnumerable<string> heldElsewhere)
    {
        var taken = new HashSet<string>(heldElsewhere, StringComparer.Ordinal);
        var result = new List<ArticleFile>();
        foreach (var file in folders.SelectMany(f => f))
        {
            var id = file.Id;
            if (!taken.Add(id))
            {
                var qualified = $"{Path.GetFileName(Path.GetDirectoryName(file.Path))}/{file.Id}";
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

    /// <summary>The folder's files, each marked with the folder's key.</summary>
    private List<ArticleFile> List(LibraryFolder folder, List<SkippedFile> skipped) =>
        reader.List(folder.Path, skipped).Select(f => f with { Folder = folder.Key }).ToList();

    /// <summary>Folders stored by older versions as full paths read as keys, so they match the library's.</summary>
    private string KeyOf(string storedFolder) => storedFolder.Length == 0 ? storedFolder : root.KeyOf(storedFolder);

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
    private static bool IsSkippedPath(string id, string folderKey, IReadOnlyList<SkippedFile> skipped, IReadOnlyList<LibraryFolder> folders) =>
        folders.FirstOrDefault(f => f.Key == folderKey) is { } folder &&
        skipped.Any(s => Path.GetDirectoryName(s.Path) == Path.TrimEndingDirectorySeparator(folder.Path) &&
                         (Path.GetFileName(s.Path) == Path.GetFileName(id) + ".txt" || Path.GetFileName(s.Path) == Path.GetFileName(id) + SeedFolderReader.SidecarSuffix));
}
