using System.Data;
using System.Runtime.InteropServices;
using ChatBot.Core.Retrieval;
using NpgsqlTypes;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Passage vectors as little-endian float32 <c>bytea</c>, tagged with the model id; written with binary COPY into a
/// staging table and merged, read back straight into one contiguous matrix.
/// </summary>
public sealed class PostgresPassageVectorStore(PostgresDatabase database) : IPassageVectorStore
{
    private const string Counter = "vectors";
    private const string CountPassagesSql = "SELECT count(*)::int FROM passages";

    public async Task<IReadOnlyList<PassageToEmbed>> GetPassagesWithoutVectorsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT p.id, a.title, p.text
            FROM passages p
            JOIN articles a ON a.id = p.article_id
            LEFT JOIN passage_vectors v ON v.passage_id = p.id AND v.model = $1
            WHERE v.passage_id IS NULL
            ORDER BY p.id
            """,
            modelId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(IngestWrites.RelaxedCommit, transaction, cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TEMP TABLE incoming_vectors (passage_id BIGINT, dims INTEGER, vector BYTEA) ON COMMIT DROP", transaction, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY incoming_vectors FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (passageId, vector) in vectors)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(passageId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(vector.Length, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(MemoryMarshal.AsBytes(vector.Span).ToArray(), NpgsqlDbType.Bytea, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // A passage deleted meanwhile by another ingest simply gets no vector (the join drops it).
        await using (var merge = connection.Command(
            """
            INSERT INTO passage_vectors (passage_id, model, dims, vector)
            SELECT i.passage_id, $1, i.dims, i.vector FROM incoming_vectors i JOIN passages p ON p.id = i.passage_id
            ON CONFLICT (passage_id) DO UPDATE SET model = excluded.model, dims = excluded.dims, vector = excluded.vector
            """,
            transaction,
            modelId))
        {
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        database.Generations.Invalidate(Counter);
    }

    public Task<long> GetGenerationAsync(CancellationToken cancellationToken = default) =>
        database.Generations.GetAsync(Counter, cancellationToken);

    public async Task<int> CountPassagesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)(await connection.ScalarAsync(CountPassagesSql, cancellationToken))!;
    }

    public async Task<StoredVectorSet?> GetLatestVectorSetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT model, dims FROM passage_vectors ORDER BY passage_id DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredVectorSet(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    public async Task<PassageMatrix> LoadMatrixAsync(string modelId, int dimensions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Repeatable read: the generation, the passage count and the vectors all come from one snapshot.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var readAt = await PostgresDatabase.ReadGenerationAsync(connection, Counter, cancellationToken, transaction);
        int capacity;
        await using (var count = connection.Command(CountPassagesSql, transaction))
        {
            capacity = (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var ids = new long[capacity];
        var values = new float[(long)capacity * dimensions];
        var rowBytes = dimensions * sizeof(float);
        var row = 0;
        await using (var command = connection.Command(
            "SELECT passage_id, vector FROM passage_vectors WHERE model = $1 AND dims = $2 ORDER BY passage_id", transaction, modelId, dimensions))
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            var buffer = new byte[rowBytes];
            while (row < capacity && await reader.ReadAsync(cancellationToken))
            {
                ids[row] = reader.GetInt64(0);
                if (reader.GetBytes(1, 0, null, 0, 0) != rowBytes)
                {
                    throw new InvalidDataException($"The stored vector of passage {ids[row]} is not {dimensions} float32 values.");
                }

                reader.GetBytes(1, 0, buffer, 0, rowBytes);
                buffer.AsSpan().CopyTo(MemoryMarshal.AsBytes(values.AsSpan(row * dimensions, dimensions)));
                row++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return row == capacity
            ? new PassageMatrix(ids, values, dimensions) { Generation = readAt }
            : new PassageMatrix(ids[..row], values[..(row * dimensions)], dimensions) { Generation = readAt };
    }
}
