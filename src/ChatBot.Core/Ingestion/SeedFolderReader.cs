namespace ChatBot.Core.Ingestion;

/// <summary>Reads every <c>*.txt</c> article (and its <c>.meta.json</c> sidecar) from a folder.</summary>
public sealed class SeedFolderReader
{
    public const string SidecarSuffix = ".meta.json";

    /// <remarks>
    /// Articles are small files read whole, where synchronous reads are several times faster than async file I/O;
    /// this runs on every start to compare hashes, so it matters at thousands of articles. One directory listing
    /// finds the sidecars instead of probing for each.
    /// </remarks>
    public Task<IReadOnlyList<ArticleSource>> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {Path.GetFullPath(folder)}");
        }

        var sidecars = Directory.EnumerateFiles(folder, "*" + SidecarSuffix).ToHashSet(StringComparer.Ordinal);
        var sources = new List<ArticleSource>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = Path.GetFileNameWithoutExtension(path);
            var sidecarPath = Path.Combine(folder, id + SidecarSuffix);
            var sidecar = sidecars.Contains(sidecarPath) ? File.ReadAllText(sidecarPath) : null;
            sources.Add(new ArticleSource(id, File.ReadAllText(path), sidecar, path));
        }

        return Task.FromResult<IReadOnlyList<ArticleSource>>(sources);
    }
}
