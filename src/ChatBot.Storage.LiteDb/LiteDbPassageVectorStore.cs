using System.Runtime.InteropServices;
using ChatBot.Core.Retrieval;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>Passage vectors as little-endian float32 bytes, one document per passage, tagged with the model id.</summary>
public sealed class LiteDbPassageVectorStore(LiteDbDatabase database) : IPassageVectorStore
{
    public Task<IReadOnlyList<PassageToEmbed>> GetPassagesWithoutVectorsAsync(string modelId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PassageToEmbed>>(database.Read(db =>
        {
            var vectors = db.GetCollection(LiteDbCollections.Vectors);
            var articles = db.GetCollection(LiteDbCollections.Articles);
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            var missing = new List<PassageToEmbed>();
            foreach (var passage in db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64).FindAll())
            {
                var id = passage["_id"];
                if (vectors.FindById(id) is { } vector && vector["model"].AsString == modelId)
                {
                    continue;
                }

                var articleId = passage["article_id"].AsString;
                if (!titles.TryGetValue(articleId, out var title))
                {
                    title = articles.FindById(articleId)?["title"].AsString ?? string.Empty;
                    titles[articleId] = title;
                }

                missing.Add(new PassageToEmbed(id.AsInt64, title, passage["text"].AsString));
            }

            return missing;
        }));

    public Task SaveVectorsAsync(
        string modelId, IReadOnlyList<(long PassageId, ReadOnlyMemory<float> Vector)> vectors, CancellationToken cancellationToken = default)
    {
        database.Write(db =>
        {
            var passages = db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64);
            var collection = db.GetCollection(LiteDbCollections.Vectors);
            foreach (var (passageId, vector) in vectors)
            {
                // As SQLite's foreign key: a vector for a passage that is gone (replaced meanwhile) is not kept.
                if (passages.FindById(passageId) is null)
                {
                    continue;
                }

                collection.Upsert(new BsonDocument
                {
                    ["_id"] = passageId,
                    ["model"] = modelId,
                    ["dims"] = vector.Length,
                    ["vector"] = MemoryMarshal.AsBytes(vector.Span).ToArray(),
                });
            }

            Generations.Bump(db, Generations.Vectors);
        });
        return Task.CompletedTask;
    }

    public Task<long> GetGenerationAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db => Generations.Read(db, Generations.Vectors)));

    public Task<int> CountPassagesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db => db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64).Count()));

    public Task<StoredVectorSet?> GetLatestVectorSetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db =>
            db.GetCollection(LiteDbCollections.Vectors).Query().OrderByDescending("_id").Limit(1).FirstOrDefault() is { } latest
                ? new StoredVectorSet(latest["model"].AsString, latest["dims"].AsInt32)
                : null));

    public Task<PassageMatrix> LoadMatrixAsync(string modelId, int dimensions, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db =>
        {
            // Under one read lock: no write lands between the generation and the rows.
            var generation = Generations.Read(db, Generations.Vectors);
            var collection = db.GetCollection(LiteDbCollections.Vectors);
            var capacity = collection.Count();
            var ids = new long[capacity];
            var values = new float[(long)capacity * dimensions];
            var row = 0;
            foreach (var document in collection.FindAll())
            {
                if (row == capacity)
                {
                    break;
                }

                if ((row & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (document["model"].AsString != modelId || document["dims"].AsInt32 != dimensions)
                {
                    continue;
                }

                var bytes = document["vector"].AsBinary;
                if (bytes.Length != dimensions * sizeof(float))
                {
                    throw new InvalidDataException($"The stored vector of passage {document["_id"].AsInt64} is not {dimensions} float32 values.");
                }

                ids[row] = document["_id"].AsInt64;
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan(row * dimensions, dimensions)));
                row++;
            }

            return row == capacity
                ? new PassageMatrix(ids, values, dimensions) { Generation = generation }
                : new PassageMatrix(ids[..row], values[..(row * dimensions)], dimensions) { Generation = generation };
        }));
}
