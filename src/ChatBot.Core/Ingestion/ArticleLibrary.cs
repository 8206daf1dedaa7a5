using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Keeps the index in step with the library's folders (<see cref="LibraryFolders"/>) with no setup step: the first
/// question of a process syncs it (unchanged files cost a stat), and <see cref="ReloadAsync"/> re-syncs on demand.
/// One process writes at a time (<see cref="IIngestLock"/>). A start-up that finds another process syncing answers
/// from the index as it stands instead of waiting, unless the index is still empty.
/// </summary>
/// <remarks>
/// The folder list is the shared store's (<see cref="LibraryFolders"/>), so a start-up sync in any replica covers the
/// same folders as every other: it removes only articles whose files this process sees gone from a folder it can
/// read (or whose folder left the library). A folder this process cannot see keeps its articles, answered from the
/// store; that is said once per process and folder.
/// </remarks>
public sealed class ArticleLibrary(
    ArticleIngestor ingestor,
    LibraryFolders folders,
    IIngestLock ingestLock,
    IArticleStore store,
    IOptions<LibraryOptions> options,
    ILogger<ArticleLibrary> logger)
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _reportedUnseen = new(StringComparer.Ordinal);
    private IngestReport? _lastReport;

    /// <summary>True once this process has synced the library (or found another process syncing a non-empty index).</summary>
    public bool HasSynced => Volatile.Read(ref _lastReport) is not null;

    /// <summary>Syncs once per process; later calls return the first sync's report.</summary>
    public async Task<IngestReport> EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        if (_lastReport is { } report)
        {
            return report;
        }

        return await SyncAsync(force: false, cancellationToken);
    }

    /// <summary>Re-reads every library folder and applies what changed, waiting for another process's sync if one runs.</summary>
    public Task<IngestReport> ReloadAsync(CancellationToken cancellationToken = default) => SyncAsync(force: true, cancellationToken);

    private async Task<IngestReport> SyncAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!force && _lastReport is { } report)
            {
                return report;
            }

            if (!force && !options.Value.SyncOnStart && await store.GetStoredArticlesAsync(cancellationToken) is { Count: > 0 } stored)
            {
                _lastReport = new IngestReport([], [], [], [], stored) { NotSyncedBecause = "Library:SyncOnStart is false (`library sync` syncs)" };
                return _lastReport;
            }

            var library = await folders.CurrentAsync(cancellationToken);
            await using var held = await ingestLock.TryAcquireAsync(cancellationToken) ?? await WaitOrSkipAsync(force, cancellationToken);
            if (held is null)
            {
                _lastReport = new IngestReport([], [], [], [], await store.GetStoredArticlesAsync(cancellationToken))
                {
                    NotSyncedBecause = ingestLock.DescribeHolder(),
                };
                return _lastReport;
            }

            var synced = await ingestor.IngestAsync(library, cancellationToken);
            if (synced.MissingFolders.Count == library.Count && synced.Articles.Count == 0)
            {
                throw new DirectoryNotFoundException(
                    $"Article folder not found: {string.Join(", ", synced.MissingFolders)} (the library has no articles to answer from)");
            }

            ReportUnseenOnce(library, synced);
            _lastReport = synced;
            return _lastReport;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ReportUnseenOnce(IReadOnlyList<LibraryFolder> library, IngestReport report)
    {
        foreach (var folder in library.Where(f => report.MissingFolders.Contains(f.Path, StringComparer.Ordinal)))
        {
            if (_reportedUnseen.Add(folder.Key))
            {
                logger.LogWarning(
                    "Library folder {Folder} is not on this machine ({Path}): answering from its {Count} articles in the store, unchanged until a process that can read it syncs (`library remove` takes it out of the library)",
                    folder.Key, folder.Path, report.Articles.Count(a => a.Folder == folder.Key || a.Folder == folder.Path));
            }
        }
    }

    /// <summary>
    /// Another process is syncing. A start-up with articles to answer from goes ahead with them (null); an explicit
    /// reload, or an empty index, waits for the lock and says what it waits for.
    /// </summary>
    private async Task<IAsyncDisposable?> WaitOrSkipAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && (await store.GetSourceStatesAsync(cancellationToken)).Count > 0)
        {
            logger.LogWarning("Not syncing the library: {Holder}; answering from the index as it stands", ingestLock.DescribeHolder());
            return null;
        }

        logger.LogWarning("Waiting for {Holder} to finish…", ingestLock.DescribeHolder());
        while (true)
        {
            await Task.Delay(LockPoll, cancellationToken);
            if (await ingestLock.TryAcquireAsync(cancellationToken) is { } acquired)
            {
                return acquired;
            }
        }
    }
}
