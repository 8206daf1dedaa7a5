using System.Globalization;
using System.Text.Json;
using ChatBot.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// The library's folder list in the database file (one row, a JSON array), shared by every process using the file.
/// A change runs in an immediate transaction: SQLite's write lock puts concurrent changes one after the other.
/// </summary>
public sealed class SqliteLibraryFolderStore(SqliteDatabase database, TimeProvider time) : ILibraryFolderStore
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
        await using var transaction = connection.BeginTransaction(deferred: false);
        var recorded = await ReadAsync(connection, transaction, cancellationToken);
        var changed = change(recorded);
        if (changed is null)
        {
            return recorded;
        }

        await using var command = connection.Command(
            """
            INSERT INTO library (id, folders, updated_at) VALUES (1, $folders, $at)
            ON CONFLICT (id) DO UPDATE SET folders = excluded.folders, updated_at = excluded.updated_at
            """, transaction);
        await command.With("$folders", JsonSerializer.Serialize(changed))
            .With("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
            .ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<IReadOnlyList<string>?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT folders FROM library WHERE id = 1", transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<List<string>>(json) ?? []
            : null;
    }
}
