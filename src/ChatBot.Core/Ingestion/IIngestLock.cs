namespace ChatBot.Core.Ingestion;

/// <summary>
/// Serialises ingests that write to the same store: two replicas (or a replica and a one-off <c>ingest</c>) syncing
/// the same library at once would both re-process the same changed files. The holder releases it by disposing.
/// </summary>
public interface IIngestLock
{
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken = default);
}

/// <summary>One ingest at a time within this process: enough for a store that only one process writes.</summary>
public sealed class InProcessIngestLock : IIngestLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
