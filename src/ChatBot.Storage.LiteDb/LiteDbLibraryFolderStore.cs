using ChatBot.Core.Ingestion;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// The library's folder list in the LiteDB file (one document). The file has one process (<see cref="LiteDbProcessLock"/>),
/// and a change runs read, change and write inside one write transaction, which excludes every other reader and
/// writer of this process: concurrent changes run one after the other.
/// </summary>
public sealed class LiteDbLibraryFolderStore(LiteDbDatabase database, TimeProvider time) : ILibraryFolderStore
{
    private const int ListId = 1;

    public Task<IReadOnlyList<string>?> ReadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(Read));

    public Task<IReadOnlyList<string>?> ChangeAsync(
        Func<IReadOnlyList<string>?, IReadOnlyList<string>?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        IReadOnlyList<string>? now = null;
        database.Write(db =>
        {
            var recorded = Read(db);
            var changed = change(recorded);
            now = changed ?? recorded;
            if (changed is null)
            {
                return;
            }

            db.GetCollection(LiteDbCollections.Library).Upsert(new BsonDocument
            {
                ["_id"] = ListId,
                ["folders"] = new BsonArray(changed.Select(folder => new BsonValue(folder))),
                ["updated_at"] = time.GetUtcNow().UtcDateTime,
            });
        });
        return Task.FromResult(now);
    }

    private static IReadOnlyList<string>? Read(LiteDatabase db) =>
        db.GetCollection(LiteDbCollections.Library).FindById(ListId) is { } document
            ? document["folders"].AsArray.Select(folder => folder.AsString).ToList()
            : null;
}
