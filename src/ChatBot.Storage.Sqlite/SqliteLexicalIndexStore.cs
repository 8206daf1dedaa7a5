using ChatBot.Core.Retrieval.Lexical;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// The BM25 index's side of the database file: the passage generation (one primary-key lookup), the saved snapshot
/// BLOB and the passages to rebuild from. <see cref="LexicalIndexCache"/> decides when to use which.
/// </summary>
public sealed class SqliteLexicalIndexStore(SqliteDatabase database, ILogger<SqliteLexicalIndexStore> logger) : ILexicalIndexStore
{
    private const string SnapshotName = "bm25";
    private const string GenerationSql = "SELECT generation FROM index_state WHERE name = 'passages'";

    public async Task<long> GetPassageGenerationAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(await connection.ScalarAsync(GenerationSql, cancellationToken));
    }

    public async Task<Bm25Index?> LoadSnapshotAsync(long generation, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT data FROM index_snapshots WHERE name = $name AND generation = $generation");
        await using var reader = await command.With("$name", SnapshotName).With("$generation", generation).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        await using var stream = reader.GetStream(0);
        return Bm25Snapshot.Read(stream, generation, logger);
    }

    public async Task<long> ReadPassagesAsync(Bm25IndexBuilder builder, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction, so the generation and the passages read belong together even while another
        // process ingests.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var generation = connection.Command(GenerationSql, transaction);
        var readAt = Convert.ToInt64(await generation.ExecuteScalarAsync(cancellationToken));
        await using var command = connection.Command("SELECT id, article_id, text FROM passages ORDER BY id", transaction);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                builder.Add(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return readAt;
    }

    public async Task SaveSnapshotAsync(Bm25Index index, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.Command(
                "INSERT OR REPLACE INTO index_snapshots (name, generation, data) VALUES ($name, $generation, $data)");
            await command.With("$name", SnapshotName).With("$generation", index.Generation).With("$data", Bm25Snapshot.Write(index))
                .ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            // A read-only or busy database still answers; the next process rebuilds instead of loading.
            logger.LogWarning(ex, "Could not save the BM25 index snapshot");
        }
    }
}
