namespace ChatBot.Core.Ingestion;

/// <summary>
/// One writer at a time across processes: whoever syncs the library holds this lock for the whole sync (articles,
/// BM25 snapshot, vectors), so two processes never interleave deletions and inserts. It is released when its
/// holder exits, even when killed.
/// </summary>
public interface IIngestLock
{
    /// <summary>Takes the lock if it is free; null when another process holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken = default);

    /// <summary>Who holds the lock, for a message such as "waiting for the ingest by process 4242 (since 09:12:03)".</summary>
    string DescribeHolder();
}
