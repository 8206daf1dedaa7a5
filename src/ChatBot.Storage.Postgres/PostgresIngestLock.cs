using ChatBot.Core.Ingestion;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Serialises ingests across every replica and one-off <c>ingest</c> process with a session advisory lock. The lock
/// lives with its connection: a process that dies mid-ingest releases it the moment its connection closes.
/// </summary>
public sealed class PostgresIngestLock(PostgresDatabase database) : IIngestLock
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            // The caller decides whether to wait (with a message naming the holder) or answer from the index as it is.
            var taken = await connection.ScalarAsync($"SELECT pg_try_advisory_lock({AdvisoryLockKeys.Ingest})", cancellationToken) is true;
            if (taken)
            {
                return new Held(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public string DescribeHolder() =>
        "the library sync by another replica or ingest process, which holds the PostgreSQL ingest advisory lock";

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync($"SELECT pg_advisory_unlock({AdvisoryLockKeys.Ingest})");
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
