namespace ChatBot.Core.Ingestion;

/// <summary>
/// Finds the <c>*.txt</c> articles (and <c>.meta.json</c> sidecars) of a folder and reads them. A file that cannot be
/// listed or read (unreadable, a symlink loop, binary, not UTF-8, too big) is skipped with its reason; it never
/// stops the rest of the folder.
/// </summary>
public sealed class SeedFolderReader(TimeProvider time)
{
    public const string SidecarSuffix = ".meta.json";

    /// <summary>
    /// The largest article read. News articles are tens of kilobytes; a file this big is a dump or a mistake, and
    /// reading it would hold the ingest for minutes.
    /// </summary>
    public const long MaxArticleBytes = 64 * 1024 * 1024;

    /// <summary>Files modified more recently than this are never trusted by signature (see <see cref="ArticleFile.Signature"/>).</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>Every article file, by id, without reading any (one directory listing and a stat per file).</summary>
    public IReadOnlyList<ArticleFile> List(string folder) => List(folder, []);

    /// <summary>Every article file of <paramref name="folder"/>; files that cannot even be examined go to <paramref name="skipped"/>.</summary>
    public IReadOnlyList<ArticleFile> List(string folder, ICollection<SkippedFile> skipped)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {Path.GetFullPath(folder)}");
        }

        var directory = new DirectoryInfo(Path.GetFullPath(folder));
        var sidecars = directory.EnumerateFiles("*" + SidecarSuffix).ToDictionary(f => f.FullName, StringComparer.Ordinal);
        var settled = time.GetUtcNow().UtcDateTime - RacyWindow;
        var files = new List<ArticleFile>();
        foreach (var file in directory.EnumerateFiles("*.txt").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file.Name);
            sidecars.TryGetValue(Path.Combine(directory.FullName, id + SidecarSuffix), out var sidecar);
            var problem = Problem(file) ?? (sidecar is null ? null : Problem(sidecar));
            if (problem is not null)
            {
                skipped.Add(problem);
                continue;
            }

            var racy = file.LastWriteTimeUtc > settled || sidecar?.LastWriteTimeUtc > settled;
            var signature = racy
                ? null
                : $"{ArticleProcessor.PipelineVersion}:{file.Length}:{file.LastWriteTimeUtc.Ticks}:{sidecar?.Length}:{sidecar?.LastWriteTimeUtc.Ticks}";
            files.Add(new ArticleFile(id, file.FullName, sidecar?.FullName, signature, directory.FullName));
        }

        return files;
    }

    /// <remarks>
    /// Articles are small files read whole, where synchronous reads are several times faster than async file I/O.
    /// </remarks>
    /// <exception cref="InvalidDataException">A file cannot be read or is not text; the message names it and says why.</exception>
    public ArticleSource Read(ArticleFile file) =>
        new(file.Id, ReadText(file.Path), file.SidecarPath is null ? null : ReadText(file.SidecarPath), file.Path) { Folder = file.Folder };

    private static string ReadText(string path)
    {
        try
        {
            return ArticleTextDecoder.Decode(File.ReadAllBytes(path));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({Describe(ex)})", ex);
        }
    }

    /// <summary>Why a listed file cannot be an article, found from its directory entry alone; null when it can.</summary>
    private static SkippedFile? Problem(FileInfo file)
    {
        try
        {
            if (file.LinkTarget is not null && !LinkResolves(file))
            {
                return new SkippedFile(file.FullName, "a symbolic link that leads nowhere (broken, or a loop)");
            }

            file.Refresh();
            if (!file.Exists)
            {
                return new SkippedFile(file.FullName, "cannot be read (it vanished or is not a regular file)");
            }

            return file.Length > MaxArticleBytes
                ? new SkippedFile(file.FullName, $"{file.Length / 1048576.0:F0} MB is too big for an article (limit {MaxArticleBytes / 1048576} MB)")
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SkippedFile(file.FullName, $"cannot be read ({Describe(ex)})");
        }
    }

    private static bool LinkResolves(FileInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (IOException)
        {
            return false; // too many levels of symbolic links
        }
    }

    private static string Describe(Exception ex) => ex.Message.TrimEnd('.');
}
