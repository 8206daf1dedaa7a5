using System.Text.Json;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// The one definition of the library: the folders whose articles the bot answers from. The list lives in the shared
/// store (<see cref="ILibraryFolderStore"/>), so every process and replica syncs against the same list; only
/// <see cref="AddAsync"/> and <see cref="RemoveAsync"/> change it. Until one has, the list is the configured one
/// (<c>Library:Folders</c>, else <c>Library:SeedsPath</c>). Folders are recorded relative to the content root where
/// they are under it, so replicas whose roots differ still name the same folders.
/// </summary>
/// <remarks>
/// A library file left by an older version (<c>Library:File</c>, data/library.json) is imported into the store the
/// first time the list is read, once, and renamed to <c>*.imported</c> so it is never read again.
/// </remarks>
public sealed class LibraryFolders(
    ILibraryFolderStore store, ContentRoot root, IOptions<LibraryOptions> options, ILogger<LibraryFolders> logger)
{
    /// <summary>The library file of older versions, imported once (see remarks).</summary>
    public string LegacyFilePath => root.Resolve(options.Value.File);

    /// <summary>The content root folders are recorded relative to.</summary>
    public ContentRoot Root => root;

    /// <summary>Whether the list is recorded in the store (true) or comes from configuration (false).</summary>
    public async Task<bool> IsRecordedAsync(CancellationToken cancellationToken = default) =>
        await RecordedAsync(cancellationToken) is not null;

    /// <summary>The folders in the order they were added, each with where it is on this machine.</summary>
    public async Task<IReadOnlyList<LibraryFolder>> CurrentAsync(CancellationToken cancellationToken = default) =>
        ((await RecordedAsync(cancellationToken)) ?? Configured()).Select(ToFolder).ToList();

    /// <summary>Adds a folder of this machine (a full path, or relative to the content root) for every process.</summary>
    /// <returns>False when the folder was already in the library.</returns>
    public async Task<bool> AddAsync(string folder, CancellationToken cancellationToken = default)
    {
        var full = root.Resolve(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {full}");
        }

        var key = root.KeyOf(full);
        var added = false;
        await RecordedAsync(cancellationToken); // imports a legacy file first, so its folders are not lost
        await store.ChangeAsync(recorded =>
        {
            var folders = (recorded ?? Configured()).ToList();
            added = !folders.Contains(key, StringComparer.Ordinal);
            return added ? [.. folders, key] : null;
        }, cancellationToken);
        return added;
    }

    /// <summary>Takes a folder out of the library for every process; given as a path (full, or relative to the root) or as listed.</summary>
    /// <returns>False when the folder was not in the library.</returns>
    public async Task<bool> RemoveAsync(string folder, CancellationToken cancellationToken = default)
    {
        var key = root.KeyOf(folder);
        var removed = false;
        await RecordedAsync(cancellationToken);
        await store.ChangeAsync(recorded =>
        {
            var folders = (recorded ?? Configured()).ToList();
            removed = folders.Remove(key) || folders.Remove(folder);
            return removed ? folders : null;
        }, cancellationToken);
        return removed;
    }

    private LibraryFolder ToFolder(string key) => new(key, root.Resolve(key));

    private List<string> Configured()
    {
        var configured = options.Value.Folders.Count > 0 ? options.Value.Folders : [options.Value.SeedsPath];
        return configured.Select(root.KeyOf).Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<string>?> RecordedAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.ReadAsync(cancellationToken);
        if (recorded is not null || !File.Exists(LegacyFilePath))
        {
            return recorded;
        }

        var legacy = ReadLegacyFile();
        recorded = await store.ChangeAsync(current => current ?? legacy, cancellationToken);
        try
        {
            File.Move(LegacyFilePath, LegacyFilePath + ".imported", overwrite: true);
            logger.LogWarning(
                "Imported the library's folders from {File} into the database ({Folders}); the file is renamed to {Imported} and no longer read",
                LegacyFilePath, string.Join(", ", recorded ?? []), Path.GetFileName(LegacyFilePath) + ".imported");
        }
        catch (IOException)
        {
            // Another process imported and renamed it at the same moment.
        }

        return recorded;
    }

    private List<string> ReadLegacyFile()
    {
        try
        {
            var recorded = JsonSerializer.Deserialize<LegacyLibraryFile>(File.ReadAllText(LegacyFilePath));
            return (recorded?.Folders ?? []).Select(root.KeyOf).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"{LegacyFilePath} (the library's folder list of an older version, to be imported) is not valid JSON at line {(ex.LineNumber ?? 0) + 1}: fix it or delete it");
        }
    }

    private sealed record LegacyLibraryFile(List<string> Folders);
}
