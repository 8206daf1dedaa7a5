using System.Runtime.InteropServices;
using ChatBot.Core.Retrieval;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Passage vectors as little-endian float32 BLOBs in <c>passage_vectors</c>, tagged with the model id. Deleting a
/// passage deletes its vector (foreign key cascade), so the matrix never holds a passage that is gone.
/// </summary>
public sealed class SqlitePassageVectorStore(SqliteDatabase database) : IPassageVectorStore
{
    private const string GenerationSql = "SELECT generation FROM index_state WHERE name = 'vectors'";
    private const string CountPassagesSql = "SELECT count(*) FROM passages";

    public async Task<IReadOnlyList<PassageToEmbed>> GetPassagesWithoutVectorsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT p.id, a.title, p.text
            FROM passages p
            JOIN articles a ON a.id = p.article_id
            LEFT JOIN passage_vectors v ON v.passage_id = p.id AND v.model = $model
            WHERE v.passage_id IS NULL
            ORDER BY p.id
            """);
        await using var reader = await command.With("$model", modelId).ExecuteReaderAsync(cancellationToken);
        var missing = new List<PassageToEmbed>();
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add(new PassageToEmbed(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return missing;
    }

    public async Task SaveVectorsAsync(
        string modelId, IReadOnlyList<(long PassageId, ReadOnlyMemory<float> Vector)> vectors, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.Command(
            "INSERT OR REPLACE INTO passage_vectors (passage_id, model, dims, vector) VALUES ($id, $model, $dims, $vector)", transaction);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var dims = command.Parameters.Add("$dims", SqliteType.Integer);
        var blob = command.Parameters.Add("$vector", SqliteType.Blob);
        command.With("$model", modelId);
        foreach (var (passageId, vector) in vectors)
        {
            id.Value = passageId;
            dims.Value = vector.Length;
            blob.Value = MemoryMarshal.AsBytes(vector.Span).ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> GetGenerationAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(await connection.ScalarAsync(GenerationSql, cancellationToken));
    }

    public async Task<int> CountPassagesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt32(await connection.ScalarAsync(CountPassagesSql, cancellationToken));
    }

    public async Task<StoredVectorSet?> GetLatestVectorSetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT model, dims FROM passage_vectors ORDER BY passage_id DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredVectorSet(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    /// <remarks>
    /// The one hot read path at start-up (200 MB at 100k passages), so it steps the statement through the SQLite
    /// handle itself: Microsoft.Data.Sqlite reads a BLOB column through an incremental-BLOB stream per row, which is
    /// several times slower than copying the column's bytes straight into the matrix. Only the vectors table is
    /// read, in rowid (= passage id) order; the passage count bounds the rows, so the matrix is allocated once.
    /// </remarks>
    public async Task<PassageMatrix> LoadMatrixAsync(string modelId, int dimensions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: the generation, the passage count and the vectors read all belong together, even
        // while another process ingests.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var generation = connection.Command(GenerationSql, transaction);
        var readAt = Convert.ToInt64(await generation.ExecuteScalarAsync(cancellationToken));
        await using var count = connection.Command(CountPassagesSql, transaction);
        var capacity = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        var ids = new long[capacity];
        var values = new float[(long)capacity * dimensions];
        var row = ReadVectors(connection, modelId, dimensions, ids, values, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row == capacity
            ? new PassageMatrix(ids, values, dimensions) { Generation = readAt }
            : new PassageMatrix(ids[..row], values[..(row * dimensions)], dimensions) { Generation = readAt };
    }

    private static int ReadVectors(SqliteConnection connection, string modelId, int dimensions, long[] ids, float[] values, CancellationToken cancellationToken)
    {
        var handle = connection.Handle!;
        Check(handle, raw.sqlite3_prepare_v2(
            handle, "SELECT passage_id, vector FROM passage_vectors WHERE model = ?1 AND dims = ?2 ORDER BY passage_id", out var statement));
        using (statement)
        {
            Check(handle, raw.sqlite3_bind_text(statement, 1, modelId));
            Check(handle, raw.sqlite3_bind_int(statement, 2, dimensions));
            var rowBytes = dimensions * sizeof(float);
            var row = 0;
            var result = raw.SQLITE_DONE;
            while (row < ids.Length && (result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((row & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                ids[row] = raw.sqlite3_column_int64(statement, 0);
                var blob = raw.sqlite3_column_blob(statement, 1);
                if (blob.Length != rowBytes)
                {
                    throw new InvalidDataException($"The stored vector of passage {ids[row]} is not {dimensions} float32 values.");
                }

                blob.CopyTo(MemoryMarshal.AsBytes(values.AsSpan(row * dimensions, dimensions)));
                row++;
            }

            Check(handle, result);
            return row;
        }
    }

    private static void Check(sqlite3 handle, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
        }
    }
}
