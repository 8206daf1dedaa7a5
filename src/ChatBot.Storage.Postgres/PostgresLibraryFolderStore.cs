using ChatBot.Core.Ingestion;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// The library's folder list shared by every replica (one row, a text array). A change holds a transaction-scoped
/// advisory lock, so changes from any replica run one after the other (the row may not exist yet, so there is no
/// row to lock).
/// </summary>
public sealed class PostgresLibraryFolderStore(PostgresDatabase database, TimeProvider time) : ILibraryFolderStore
{
    public async Task<IReadOnlyList<string>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, cancellationToken);
    }

    public async Task<IReadOnlyList<string>?> ChangeAsync(
        Func<IReadOnlyList<string>?, IReadOnlyList<string>?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKeys.LibraryFolders})", transaction, cancellationToken);
        var recorded = await ReadAsync(connection, transaction, cancellationToken);
        var changed = change(recorded);
        if (changed is null)
        {
            return recorded;
        }

        await using var command = connection.Command(
            """
            INSERT INTO library (id, folders, updated_at) VALUES (1, $1, $2)
            ON CONFLICT (id) DO UPDATE SET folders = excluded.folders, updated_at = excluded.updated_at
            """,
            transaction, changed.ToArray(), time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<IReadOnlyList<string>?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT folders FROM library WHERE id = 1", transaction);
        return await command.ExecuteScalarAsync(cancellationToken) as string[];
    }
}
