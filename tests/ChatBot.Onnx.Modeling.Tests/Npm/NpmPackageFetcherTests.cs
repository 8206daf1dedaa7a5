using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ChatBot.Onnx.Modeling.Npm;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Onnx.Modeling.Tests.Npm;

/// <summary>Runs the fetcher against a stand-in "npm" script that hands out a local tarball, so no registry is involved.</summary>
public sealed class NpmPackageFetcherTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("npm-fetcher-");

    [Fact]
    public async Task Verified_package_is_extracted()
    {
        var tarball = CreateTarball(("package/dist/model.json", "{}"));
        var fetcher = new NpmPackageFetcher(NullLogger<NpmPackageFetcher>.Instance, CreateFakeNpm(tarball));

        var package = await fetcher.FetchAsync(new NpmPackageReference("@scope/pkg", "1.0.0", Integrity(tarball)), Cache);

        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(package, "dist", "model.json")));
    }

    [Fact]
    public async Task Tarball_with_a_different_hash_is_rejected_and_removed()
    {
        var tarball = CreateTarball(("package/dist/model.json", "{}"));
        var otherIntegrity = Integrity(CreateTarball(("package/dist/model.json", "{\"tampered\":true}")));
        var fetcher = new NpmPackageFetcher(NullLogger<NpmPackageFetcher>.Instance, CreateFakeNpm(tarball));

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            fetcher.FetchAsync(new NpmPackageReference("@scope/pkg", "1.0.0", otherIntegrity), Cache));

        Assert.Empty(Directory.GetFiles(Cache, "*.tgz"));
    }

    [Fact]
    public async Task Entries_that_escape_the_extraction_folder_are_refused()
    {
        var tarball = CreateTarball(("package/../../escaped.txt", "x"));
        var fetcher = new NpmPackageFetcher(NullLogger<NpmPackageFetcher>.Instance, CreateFakeNpm(tarball));

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            fetcher.FetchAsync(new NpmPackageReference("@scope/pkg", "1.0.0", Integrity(tarball)), Cache));

        Assert.False(File.Exists(Path.Combine(_root.FullName, "escaped.txt")));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private string Cache => Path.Combine(_root.FullName, "cache");

    private string CreateTarball(params (string Name, string Content)[] files)
    {
        var path = Path.Combine(_root.FullName, $"source-{Guid.NewGuid():N}.tgz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        return path;
    }

    /// <summary>A shell script standing in for npm: `pack SPEC --json --pack-destination DIR` copies the tarball to DIR.</summary>
    private string CreateFakeNpm(string tarball)
    {
        var script = Path.Combine(_root.FullName, $"npm-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, $"#!/bin/sh\ncp '{tarball}' \"$5/scope-pkg-1.0.0.tgz\"\necho '[{{\"filename\":\"scope-pkg-1.0.0.tgz\"}}]'\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The stand-in npm is a POSIX shell script.");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static string Integrity(string path) => "sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(path)));
}
