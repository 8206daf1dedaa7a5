using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// Puts the pinned native ONNX Runtime into the project cache: <c>npm pack</c> fetches the onnxruntime-node
/// tarball (pack never runs install scripts; <c>--ignore-scripts</c> makes that explicit), the library is read
/// straight out of the .tgz, checked against the pinned sha256, and moved into place atomically. When the
/// verified file is already cached nothing is downloaded.
/// </summary>
public static class OnnxRuntimeInstaller
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    /// <summary>Returns the path of a verified library, fetching it first if the cache does not have it.</summary>
    public static async Task<string> EnsureInstalledAsync(string? cacheDirectory = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var directory = cacheDirectory ?? ProjectCacheDirectory.OnnxRuntime();
        var target = Path.Combine(directory, OnnxRuntimeRelease.LibraryFileName);
        if (File.Exists(target))
        {
            return target;
        }

        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            throw new OnnxRuntimeNotFoundException(
                $"ONNX Runtime {OnnxRuntimeRelease.Version} is only fetched automatically for Linux x64. " +
                $"Put the native library for this platform somewhere and set Embeddings:RuntimePath to it.");
        }

        Directory.CreateDirectory(directory);

        // Several test processes may start at once; one fetches while the others wait and then reuse its file.
        await using var installLock = await AcquireLockAsync(Path.Combine(directory, ".install.lock"), cancellationToken);
        if (File.Exists(target))
        {
            return target;
        }

        var workDirectory = Path.Combine(Path.GetTempPath(), "chatbot-ort-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDirectory);
        try
        {
            logger.LogInformation("Fetching ONNX Runtime {Version} with npm pack {Package}", OnnxRuntimeRelease.Version, OnnxRuntimeRelease.NpmPackage);
            var tarball = await NpmPackAsync(workDirectory, cancellationToken);
            var staged = Path.Combine(directory, OnnxRuntimeRelease.LibraryFileName + ".partial-" + Environment.ProcessId);
            var sha256 = await ExtractEntryAsync(tarball, OnnxRuntimeRelease.TarballEntry, staged, cancellationToken);
            if (!string.Equals(sha256, OnnxRuntimeRelease.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(staged);
                throw new OnnxRuntimeNotFoundException(
                    $"The {OnnxRuntimeRelease.TarballEntry} fetched from {OnnxRuntimeRelease.NpmPackage} has sha256 {sha256}, " +
                    $"expected {OnnxRuntimeRelease.Sha256}. Refusing to use it.");
            }

            File.Move(staged, target, overwrite: true);
            logger.LogInformation("ONNX Runtime {Version} installed at {Path}", OnnxRuntimeRelease.Version, target);
            return target;
        }
        finally
        {
            TryDeleteDirectory(workDirectory);
        }
    }

    /// <summary>
    /// Finds the library (configured path, app folder, cache) and, if it is nowhere, fetches it into the cache.
    /// Throws <see cref="OnnxRuntimeNotFoundException"/> with instructions when that fails too.
    /// </summary>
    public static async Task<string> LocateOrInstallAsync(
        string? configuredPath,
        bool allowFetch = true,
        ILogger? logger = null,
        string? cacheDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var directory = cacheDirectory ?? ProjectCacheDirectory.OnnxRuntime();
        var found = OnnxRuntimeLocator.Find(configuredPath, directory);
        if (found is not null)
        {
            return found;
        }

        var looked = string.Join(", ", OnnxRuntimeLocator.Candidates(configuredPath, directory));
        if (!allowFetch)
        {
            throw new OnnxRuntimeNotFoundException(NotFoundMessage(looked, directory, reason: "fetching is disabled"));
        }

        try
        {
            return await EnsureInstalledAsync(directory, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new OnnxRuntimeNotFoundException(NotFoundMessage(looked, directory, ex.Message), ex);
        }
    }

    private static string NotFoundMessage(string looked, string cacheDirectory, string reason) =>
        $"ONNX Runtime {OnnxRuntimeRelease.Version} ({OnnxRuntimeRelease.LibraryFileName}) was not found (looked in: {looked}) " +
        $"and could not be fetched ({reason}). To get it: run `npm pack {OnnxRuntimeRelease.NpmPackage}`, take " +
        $"{OnnxRuntimeRelease.TarballEntry} out of the .tgz and put it in {cacheDirectory}/ " +
        "(or anywhere, and set Embeddings:RuntimePath to it).";

    private static async Task<string> NpmPackAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", OnnxRuntimeRelease.NpmPackage, "--ignore-scripts", "--silent", "--pack-destination", workDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new OnnxRuntimeNotFoundException("npm could not be started.");
        }
        catch (Win32Exception ex)
        {
            throw new OnnxRuntimeNotFoundException("npm is not installed or not on PATH, so the ONNX Runtime package cannot be fetched.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new OnnxRuntimeNotFoundException(
                    $"`npm pack {OnnxRuntimeRelease.NpmPackage}` failed with exit code {process.ExitCode} " +
                    $"(no network or no npm registry?): {(await stderr).Trim()} {(await stdout).Trim()}");
            }
        }

        return Directory.EnumerateFiles(workDirectory, "*.tgz").SingleOrDefault()
            ?? throw new OnnxRuntimeNotFoundException($"`npm pack {OnnxRuntimeRelease.NpmPackage}` produced no .tgz.");
    }

    /// <summary>Copies one entry of a .tgz to <paramref name="destination"/> and returns its sha256 (lower-case hex).</summary>
    internal static async Task<string> ExtractEntryAsync(string tarball, string entryName, string destination, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.Name != entryName || entry.DataStream is null)
            {
                continue;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var output = File.Create(destination))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await entry.DataStream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        throw new OnnxRuntimeNotFoundException($"'{entryName}' is not in {Path.GetFileName(tarball)}.");
    }

    private static async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the install result is what matters.
        }
    }
}
