using ChatBot.Core.Retrieval.Lexical;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// The BM25 index's side of the LiteDB file: the passage generation, the snapshot (in LiteDB file storage, tagged
/// with the generation it was built at) and the passages to rebuild from.
/// </summary>
public sealed class LiteDbLexicalIndexStore(LiteDbDatabase database, ILogger<LiteDbLexicalIndexStore> logger) : ILexicalIndexStore
{
    private const string SnapshotId = "bm25";

    public Task<long> GetPassageGenerationAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db => Generations.Read(db, Generations.Passages)));

    public Task<Bm25Index?> LoadSnapshotAsync(long generation, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db =>
        {
            var storage = Snapshots(db);
            if (storage.FindById(SnapshotId) is not { } file || file.Metadata["generation"].AsInt64 != generation)
            {
                return null;
            }

            using var stream = storage.OpenRead(SnapshotId);
            return Bm25Snapshot.Read(stream, generation, logger);
        }));

    public Task<long> ReadPassagesAsync(Bm25IndexBuilder builder, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db =>
        {
            foreach (var passage in db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64).FindAll())
            {
                builder.Add(passage["_id"].AsInt64, passage["article_id"].AsString, passage["text"].AsString);
            }

            return Generations.Read(db, Generations.Passages);
        }));

    public Task SaveSnapshotAsync(Bm25Index index, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = Bm25Snapshot.Write(index);
            database.Write(db =>
            {
                using var stream = new MemoryStream(data, writable: false);
                Snapshots(db).Upload(SnapshotId, "bm25.snapshot", stream, new BsonDocument { ["generation"] = index.Generation });
            });
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException)
        {
            // The index still answers from memory; the next start rebuilds instead of loading.
            logger.LogWarning(ex, "Could not save the BM25 index snapshot");
        }

        return Task.CompletedTask;
    }

    private static ILiteStorage<string> Snapshots(LiteDatabase db) =>
        db.GetStorage<string>(LiteDbCollections.SnapshotFiles, LiteDbCollections.SnapshotChunks);
}
