namespace ChatBot.Core.Ingestion;

/// <summary>Reads every <c>*.txt</c> article (and its <c>.meta.json</c> sidecar) from a folder.</summary>
public sealed class SeedFolderReader
{
    public const string SidecarSuffix = ".meta.json";

    public async Task<IReadOnlyList<ArticleSource>> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {Path.GetFullPath(folder)}");
        }

        var sources = new List<ArticleSource>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            var sidecarPath = Path.Combine(folder, id + SidecarSuffix);
            var sidecar = File.Exists(sidecarPath) ? await File.ReadAllTextAsync(sidecarPath, cancellationToken) : null;
            sources.Add(new ArticleSource(id, await File.ReadAllTextAsync(path, cancellationToken), sidecar, path));
        }

        return sources;
    }
}
