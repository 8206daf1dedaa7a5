using ChatBot.Core.Retrieval.Lexical;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// The BM25 index's side of the shared database. The generation comes from the <see cref="GenerationWatcher"/>,
/// so checking it costs no round trip; the snapshot one replica saves is loaded by the others.
/// </summary>
public sealed class PostgresLexicalIndexStore(PostgresDatabase database, ILogger<PostgresLexicalIndexStore> logger) : ILexicalIndexStore
{
    private const string SnapshotName = "bm25";
    private const string Counter = "passages";

    public Task<long> GetPassageGenerationAsync(CancellationToken cancellationToken = default) =>
        database.Generations.GetAsync(Counter, cancellationToken);

    public async Task<Bm25Index?> LoadSnapshotAsync(long generation, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT data FROM index_snapshots WHERE name = $1 AND generation = $2", SnapshotName, generation);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        await using var stream = await reader.GetStreamAsync(0, cancellationToken);
        return Bm25Snapshot.Read(stream, generation, logger);
    }

    public async Task<long> ReadPassagesAsync(Bm25IndexBuilder builder, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Repeatable read: the generation and the passages come from one snapshot even while another replica ingests.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var readAt = await PostgresDatabase.ReadGenerationAsync(connection, Counter, cancellationToken, transaction);
        await using (var command = connection.Command("SELECT id, article_id, text FROM passages ORDER BY id", transaction))
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
            // Keeps the newest generation when two replicas rebuild at once.
            await using var command = connection.Command(
                """
                INSERT INTO index_snapshots (name, generation, data) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET generation = excluded.generation, data = excluded.data
                WHERE index_snapshots.generation < excluded.generation
                """,
                SnapshotName, index.Generation, Bm25Snapshot.Write(index));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // A read-only replica still answers; the next one rebuilds instead of loading.
            logger.LogWarning(ex, "Could not save the BM25 index snapshot");
        }
    }
}
