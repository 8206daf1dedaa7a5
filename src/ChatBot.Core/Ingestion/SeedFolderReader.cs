namespace ChatBot.Core.Ingestion;

/// <summary>Finds the <c>*.txt</c> articles (and <c>.meta.json</c> sidecars) of a folder and reads them.</summary>
public sealed class SeedFolderReader(TimeProvider time)
{
    public const string SidecarSuffix = ".meta.json";

    /// <summary>Files modified more recently than this are never trusted by signature (see <see cref="ArticleFile.Signature"/>).</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>Every article file, by id, without reading any (one directory listing and a stat per file).</summary>
    public IReadOnlyList<ArticleFile> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {Path.GetFullPath(folder)}");
        }

        var directory = new DirectoryInfo(folder);
        var sidecars = directory.EnumerateFiles("*" + SidecarSuffix).ToDictionary(f => f.FullName, StringComparer.Ordinal);
        var settled = time.GetUtcNow().UtcDateTime - RacyWindow;
        return directory.EnumerateFiles("*.txt")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(file =>
            {
                var id = Path.GetFileNameWithoutExtension(file.Name);
                sidecars.TryGetValue(Path.Combine(file.DirectoryName!, id + SidecarSuffix), out var sidecar);
                var racy = file.LastWriteTimeUtc > settled || sidecar?.LastWriteTimeUtc > settled;
                var signature = racy
                    ? null
                    : $"{ArticleProcessor.PipelineVersion}:{file.Length}:{file.LastWriteTimeUtc.Ticks}:{sidecar?.Length}:{sidecar?.LastWriteTimeUtc.Ticks}";
                return new ArticleFile(id, file.FullName, sidecar?.FullName, signature);
            })
            .ToList();
    }

    /// <remarks>
    /// Articles are small files read whole, where synchronous reads are several times faster than async file I/O.
    /// </remarks>
    public ArticleSource Read(ArticleFile file) =>
        new(file.Id, File.ReadAllText(file.Path), file.SidecarPath is null ? null : File.ReadAllText(file.SidecarPath), file.Path);
}
