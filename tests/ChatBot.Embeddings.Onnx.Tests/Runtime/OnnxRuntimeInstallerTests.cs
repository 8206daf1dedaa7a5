using ChatBot.Testing;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tests.Support;

namespace ChatBot.Embeddings.Onnx.Tests.Runtime;

public sealed class OnnxRuntimeInstallerTests
{
    [Fact]
    public async Task Extracts_one_entry_from_a_tgz_and_hashes_it()
    {
        using var folder = new TempDirectory();
        var payload = RandomNumberGenerator.GetBytes(200_000);
        var tarball = Path.Combine(folder.Path, "package.tgz");
        await using (var file = File.Create(tarball))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var writer = new TarWriter(gzip))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "package/README.md") { DataStream = new MemoryStream("readme"u8.ToArray()) });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, OnnxRuntimeRelease.TarballEntry) { DataStream = new MemoryStream(payload) });
        }

        var sha = await OnnxRuntimeInstaller.ExtractEntryAsync(tarball, OnnxRuntimeRelease.TarballEntry, Path.Combine(folder.Path, "lib.so"), CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), sha);
        Assert.Equal(payload, File.ReadAllBytes(Path.Combine(folder.Path, "lib.so")));
    }

    [Fact]
    public void Locator_prefers_the_configured_path_then_app_folder_then_cache()
    {
        using var folder = new TempDirectory();
        var configuredDirectory = Path.Combine(folder.Path, "configured");
        var cache = Path.Combine(folder.Path, "cache");
        Directory.CreateDirectory(configuredDirectory);
        Directory.CreateDirectory(cache);
        File.WriteAllText(Path.Combine(cache, OnnxRuntimeRelease.LibraryFileName), "cached");

        Assert.Equal(Path.Combine(cache, OnnxRuntimeRelease.LibraryFileName), OnnxRuntimeLocator.Find(null, cache));
        Assert.Equal(Path.Combine(cache, OnnxRuntimeRelease.LibraryFileName), OnnxRuntimeLocator.Find(configuredDirectory, cache));

        File.WriteAllText(Path.Combine(configuredDirectory, OnnxRuntimeRelease.LibraryFileName), "configured");
        Assert.Equal(Path.Combine(configuredDirectory, OnnxRuntimeRelease.LibraryFileName), OnnxRuntimeLocator.Find(configuredDirectory, cache));

        var candidates = OnnxRuntimeLocator.Candidates("/opt/ort/libonnxruntime.so.1", cache);
        Assert.Equal(["/opt/ort/libonnxruntime.so.1", Path.Combine(AppContext.BaseDirectory, OnnxRuntimeRelease.LibraryFileName), Path.Combine(cache, OnnxRuntimeRelease.LibraryFileName)], candidates);
    }

    [Fact]
    public async Task Missing_runtime_without_fetching_gives_one_clear_error_saying_how_to_get_it()
    {
        using var emptyCache = new TempDirectory();

        var error = await Assert.ThrowsAsync<OnnxRuntimeNotFoundException>(() =>
            OnnxRuntimeInstaller.LocateOrInstallAsync("/nonexistent/libonnxruntime.so.1", allowFetch: false, cacheDirectory: emptyCache.Path));

        Assert.Contains("was not found (looked in: /nonexistent/libonnxruntime.so.1", error.Message);
        Assert.Contains($"npm pack {OnnxRuntimeRelease.NpmPackage}", error.Message);
        Assert.Contains(OnnxRuntimeRelease.TarballEntry, error.Message);
        Assert.Contains("Embeddings:RuntimePath", error.Message);
    }

    [Fact]
    public void Loading_a_file_that_is_not_onnx_runtime_fails_clearly()
    {
        using var folder = new TempDirectory();
        var bogus = Path.Combine(folder.Path, "libbogus.so");
        File.WriteAllText(bogus, "not a library");

        Assert.ThrowsAny<Exception>(() => OnnxRuntimeLibrary.Load(bogus));
        Assert.Throws<OnnxRuntimeNotFoundException>(() => OnnxRuntimeLibrary.Load(Path.Combine(folder.Path, "missing.so")));
    }
}
