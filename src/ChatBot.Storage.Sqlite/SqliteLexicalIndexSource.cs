using System.Diagnostics;
using ChatBot.Core.Retrieval.Lexical;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Keeps the in-memory BM25 index in step with the passages table. Each call reads the passage generation (one
/// primary-key lookup); when it moved — here or in another process — the index is loaded from its saved snapshot,
/// or rebuilt from the passages and saved, once, while other callers wait.
/// </summary>
public sealed class SqliteLexicalIndexSource(
    SqliteDatabase database,
    TermAnalyzer analyzer,
    ILogger<SqliteLexicalIndexSource> logger) : ILexicalIndexSource
{
    private const string SnapshotName = "bm25";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Bm25Index? _current;

    public async Task<Bm25Index> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var generation = await PassageGenerationAsync(connection, null, cancellationToken);
        if (_current is { } current && current.Generation == generation)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded && loaded.Generation == generation)
            {
                return loaded;
            }

            var clock = Stopwatch.StartNew();
            if (await LoadSnapshotAsync(connection, generation, cancellationToken) is { } snapshot)
            {
                logger.LogInformation(
                    "BM25 index of {Passages} passages loaded in {Milliseconds:F0} ms", snapshot.PassageCount, clock.Elapsed.TotalMilliseconds);
                _current = snapshot;
            }
            else
            {
                _current = await RebuildAsync(connection, cancellationToken);
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<long> PassageGenerationAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT generation FROM index_state WHERE name = 'passages'", transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private async Task<Bm25Index?> LoadSnapshotAsync(SqliteConnection connection, long generation, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT data FROM index_snapshots WHERE name = $name AND generation = $generation");
        await using var reader = await command.With("$name", SnapshotName).With("$generation", generation).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        try
        {
            await using var stream = reader.GetStream(0);
            var index = Bm25IndexSerializer.Read(stream);
            return index?.Generation == generation ? index : null;
        }
        catch (InvalidDataException ex)
        {
            logger.LogWarning(ex, "The saved BM25 index is damaged; rebuilding it from the passages");
            return null;
        }
    }

    private async Task<Bm25Index> RebuildAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var builder = new Bm25IndexBuilder(analyzer);
        long generation;
        // One read transaction, so the generation and the passages read belong together even while another
        // process ingests.
        await using (var transaction = connection.BeginTransaction(deferred: true))
        {
            generation = await PassageGenerationAsync(connection, transaction, cancellationToken);
            await using var command = connection.Command("SELECT id, article_id, text FROM passages ORDER BY id", transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                builder.Add(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var index = builder.Build(generation);
        await SaveSnapshotAsync(connection, index, cancellationToken);
        logger.LogInformation(
            "BM25 index of {Passages} passages built in {Milliseconds:F0} ms", index.PassageCount, clock.Elapsed.TotalMilliseconds);
        return index;
    }

    private async Task SaveSnapshotAsync(SqliteConnection connection, Bm25Index index, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        Bm25IndexSerializer.Write(index, buffer);
        try
        {
            await using var command = connection.Command(
                "INSERT OR REPLACE INTO index_snapshots (name, generation, data) VALUES ($name, $generation, $data)");
            await command.With("$name", SnapshotName).With("$generation", index.Generation).With("$data", buffer.ToArray())
                .ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            // A read-only or busy database still answers; the next process rebuilds instead of loading.
            logger.LogWarning(ex, "Could not save the BM25 index snapshot");
        }
    }
}
