using System.Runtime.InteropServices;
using ChatBot.Core.Retrieval;
using Microsoft.Data.Sqlite;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Passage vectors as little-endian float32 BLOBs in <c>passage_vectors</c>, tagged with the model id. Deleting a
/// passage deletes its vector (foreign key cascade), so the matrix never holds a passage that is gone.
/// </summary>
public sealed class SqlitePassageVectorStore(SqliteDatabase database) : IPassageVectorStore
{
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

    public async Task<PassageMatrix> LoadMatrixAsync(string modelId, int dimensions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var count = Convert.ToInt32(await connection.ScalarAsync(
            $"SELECT count(*) FROM passage_vectors WHERE model = '{modelId.Replace("'", "''", StringComparison.Ordinal)}' AND dims = {dimensions}",
            cancellationToken));

        var ids = new long[count];
        var articles = new string[count];
        var values = new float[count * dimensions];
        await using var command = connection.Command(
            """
            SELECT p.id, p.article_id, v.vector
            FROM passage_vectors v JOIN passages p ON p.id = v.passage_id
            WHERE v.model = $model AND v.dims = $dims
            ORDER BY p.id
            """);
        await using var reader = await command.With("$model", modelId).With("$dims", dimensions).ExecuteReaderAsync(cancellationToken);
        var row = 0;
        while (await reader.ReadAsync(cancellationToken) && row < count)
        {
            ids[row] = reader.GetInt64(0);
            articles[row] = reader.GetString(1);
            var bytes = (byte[])reader.GetValue(2);
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values.AsSpan(row * dimensions, dimensions));
            row++;
        }

        return row == count
            ? new PassageMatrix(ids, articles, values, dimensions)
            : new PassageMatrix(ids[..row], articles[..row], values[..(row * dimensions)], dimensions);
    }
}
