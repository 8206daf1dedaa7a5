using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// The models under the models folder (one manifest.json each) and the operations on them: list, download
/// (pinned URLs from the manifest, each file checked against its pinned sha256 before it is moved into place),
/// and verify. Nothing unverified is ever left under its final name.
/// </summary>
public sealed class ModelCatalog(HttpClient httpClient, string modelsPath, ILogger<ModelCatalog>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ModelCatalog>.Instance;

    public string ModelsPath { get; } = Path.GetFullPath(modelsPath);

    public IReadOnlyList<CatalogEntry> List()
    {
        if (!Directory.Exists(ModelsPath))
        {
            return [];
        }

        return Directory.EnumerateDirectories(ModelsPath)
            .Where(dir => File.Exists(Path.Combine(dir, ModelManifestLoader.FileName)))
            .Order(StringComparer.Ordinal)
            .Select(dir => ModelManifestLoader.Load(Path.Combine(dir, ModelManifestLoader.FileName)))
            .Select(m => new CatalogEntry(
                m,
                Downloadable: m.Files.Count > 0 && m.Files.All(f => f.Url is not null),
                Present: File.Exists(m.PathOf(m.ModelFile)) && File.Exists(m.PathOf(m.Tokenizer.VocabularyFile))))
            .ToArray();
    }

    public ModelManifest Get(string name) => ModelManifestLoader.LoadByName(ModelsPath, name);

    /// <summary>Hashes every file the manifest lists and compares it with the pinned value.</summary>
    public async Task<ModelVerification> VerifyAsync(string name, CancellationToken cancellationToken = default)
    {
        var manifest = Get(name);
        var checks = new List<ModelFileCheck>();
        foreach (var file in manifest.Files)
        {
            checks.Add(await CheckAsync(manifest, file, cancellationToken));
        }

        return new ModelVerification(manifest.Name, checks);
    }

    /// <summary>Downloads whatever is missing or wrong; files that already verify are not fetched again.</summary>
    public async Task<ModelVerification> DownloadAsync(string name, CancellationToken cancellationToken = default)
    {
        var manifest = Get(name);
        var checks = new List<ModelFileCheck>();
        foreach (var file in manifest.Files)
        {
            var current = await CheckAsync(manifest, file, cancellationToken);
            if (current.Status is ModelFileStatus.Verified)
            {
                checks.Add(current);
                continue;
            }

            if (file.Url is null)
            {
                throw new ModelDownloadException($"{manifest.Name}/{file.Path} has no download URL in its manifest (it is built locally, not downloaded).");
            }

            if (file.Sha256 is null)
            {
                // Refuse rather than trust whatever the server sends today.
                throw new ModelDownloadException($"{manifest.Name}/{file.Path} has no pinned sha256, so a download could not be verified; add one to the manifest first.");
            }

            checks.Add(await FetchAsync(manifest, file, cancellationToken));
        }

        return new ModelVerification(manifest.Name, checks);
    }

    private async Task<ModelFileCheck> FetchAsync(ModelManifest manifest, ModelFile file, CancellationToken cancellationToken)
    {
        var target = manifest.PathOf(file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var staged = target + ".partial";
        _logger.LogInformation("Downloading {Model}/{File} from {Url}", manifest.Name, file.Path, file.Url);
        try
        {
            using var response = await httpClient.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ModelDownloadException($"Downloading {file.Url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            string sha256;
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var destination = File.Create(staged))
            {
                sha256 = await CopyAndHashAsync(source, destination, cancellationToken);
            }

            if (sha256 != file.Sha256)
            {
                File.Delete(staged);
                throw new ModelDownloadException($"{file.Url} has sha256 {sha256}, but the manifest pins {file.Sha256}; the file was discarded.");
            }

            File.Move(staged, target, overwrite: true);
            return new ModelFileCheck(file.Path, ModelFileStatus.Verified, sha256);
        }
        catch (HttpRequestException ex)
        {
            throw new ModelDownloadException($"no network: could not reach {file.Url!.Host} to download {manifest.Name}/{file.Path} ({ex.Message}).", ex);
        }
        finally
        {
            if (File.Exists(staged))
            {
                File.Delete(staged);
            }
        }
    }

    private static async Task<ModelFileCheck> CheckAsync(ModelManifest manifest, ModelFile file, CancellationToken cancellationToken)
    {
        var path = manifest.PathOf(file.Path);
        if (!File.Exists(path))
        {
            return new ModelFileCheck(file.Path, ModelFileStatus.Missing, null);
        }

        await using var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        var status = file.Sha256 is null ? ModelFileStatus.Unpinned
            : actual == file.Sha256 ? ModelFileStatus.Verified
            : ModelFileStatus.Mismatch;
        return new ModelFileCheck(file.Path, status, actual);
    }

    private static async Task<string> CopyAndHashAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
