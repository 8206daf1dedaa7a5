using ChatBot.Core.Retrieval.LateInteraction;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// Token states as bytes, one document per passage (as SQLite's one row per passage: a new vector set replaces the
/// old one's). No generation moves: they are written before the vectors, whose generation tells readers.
/// </summary>
public sealed class LiteDbTokenStateStore(LiteDbDatabase database) : IPassageTokenStateStore
{
    public Task SaveTokenStatesAsync(
        string vectorSetId, IReadOnlyList<(long PassageId, TokenStates States)> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vectorSetId);
        ArgumentNullException.ThrowIfNull(states);
        database.Write(db =>
        {
            var passages = db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64);
            var collection = db.GetCollection(LiteDbCollections.TokenStates);
            foreach (var (passageId, passageStates) in states)
            {
                // As the foreign key of SQLite and PostgreSQL: states of a passage that is gone (replaced meanwhile) are not kept.
                if (passages.FindById(passageId) is null)
                {
                    continue;
                }

                collection.Upsert(new BsonDocument
                {
                    ["_id"] = passageId,
                    ["model"] = vectorSetId,
                    ["states"] = passageStates.ToBytes(),
                });
            }
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<long, TokenStates>> GetTokenStatesAsync(
        string vectorSetId, IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passageIds);
        if (passageIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<long, TokenStates>>(new Dictionary<long, TokenStates>());
        }

        return Task.FromResult<IReadOnlyDictionary<long, TokenStates>>(database.Read(db =>
        {
            var collection = db.GetCollection(LiteDbCollections.TokenStates);
            var found = new Dictionary<long, TokenStates>();
            foreach (var passageId in passageIds)
            {
                if (collection.FindById(passageId) is { } document && document["model"].AsString == vectorSetId)
                {
                    found[passageId] = TokenStates.FromBytes(document["states"].AsBinary);
                }
            }

            return found;
        }));
    }
}
