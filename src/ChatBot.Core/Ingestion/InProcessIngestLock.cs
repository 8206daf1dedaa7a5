namespace ChatBot.Core.Ingestion;

/// <summary>One sync at a time within this process: the default for a store that only one process writes.</summary>
public sealed class InProcessIngestLock : IIngestLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken = default) =>
        await _gate.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Release(_gate) : null;

    public string DescribeHolder() => "another library sync in this process";

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
