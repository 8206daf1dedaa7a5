using System.Collections.Concurrent;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Discord's identify limit for sharded bots: shards fall into <c>max_concurrency</c> buckets by
/// <c>shard_id % max_concurrency</c>, and each bucket may IDENTIFY once per window (5 s). Shards of one bucket take
/// turns; different buckets identify side by side. The window is counted from the end of the previous IDENTIFY's
/// send, so a slow send never brings two of one bucket closer together than the window.
/// </summary>
public sealed class IdentifyGate(int maxConcurrency, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<int, Bucket> _buckets = new();

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>Waits until <paramref name="shard"/> may identify; dispose the turn right after sending IDENTIFY.</summary>
    public async Task<IDisposable> WaitTurnAsync(GatewayShard shard, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd(shard.Id % MaxConcurrency, _ => new Bucket());
        await bucket.Turn.WaitAsync(cancellationToken);
        try
        {
            var wait = bucket.LastIdentify + window - time.GetUtcNow();
            if (bucket.LastIdentify != DateTimeOffset.MinValue && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            return new Turn(bucket, time);
        }
        catch
        {
            bucket.Turn.Release();
            throw;
        }
    }

    private sealed class Bucket
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset LastIdentify { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Turn(Bucket bucket, TimeProvider time) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                bucket.LastIdentify = time.GetUtcNow();
                bucket.Turn.Release();
            }
        }
    }
}
