using Microsoft.Extensions.Options;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Keeps the index in step with the seeds folder with no setup step: the first question of a process syncs it
/// (hashing unchanged files costs milliseconds), and <see cref="ReloadAsync"/> re-syncs on demand.
/// </summary>
public sealed class ArticleLibrary(ArticleIngestor ingestor, IOptions<LibraryOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IngestReport? _lastReport;

    public string SeedsPath => options.Value.SeedsPath;

    /// <summary>Syncs once per process; later calls return the first sync's report.</summary>
    public async Task<IngestReport> EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        if (_lastReport is { } report)
        {
            return report;
        }

        return await SyncAsync(force: false, SeedsPath, cancellationToken);
    }

    /// <summary>Re-reads the folder (or another one) and applies what changed.</summary>
    public Task<IngestReport> ReloadAsync(string? folder = null, CancellationToken cancellationToken = default) =>
        SyncAsync(force: true, folder ?? SeedsPath, cancellationToken);

    private async Task<IngestReport> SyncAsync(bool force, string folder, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!force && _lastReport is { } report)
            {
                return report;
            }

            _lastReport = await ingestor.IngestAsync(folder, cancellationToken);
            return _lastReport;
        }
        finally
        {
            _gate.Release();
        }
    }
}
