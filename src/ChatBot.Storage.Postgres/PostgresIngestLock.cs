using ChatBot.Core.Ingestion;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Serialises ingests across every replica and one-off <c>ingest</c> process with a session advisory lock. The lock
/// lives with its connection: a process that dies mid-ingest releases it the moment its connection closes.
/// </summary>
public sealed class PostgresIngestLock(PostgresDatabase database) : IIngestLock
{
    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            // Waits inside the server (no retry loop here); cancelling the token cancels the wait.
            await using var command = connection.Command($"SELECT pg_advisory_lock({AdvisoryLockKeys.Ingest})");
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

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
