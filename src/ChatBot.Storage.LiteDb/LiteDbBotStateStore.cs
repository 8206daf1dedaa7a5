using ChatBot.Core.State;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>Key/value bot state in the same LiteDB file (e.g. the Telegram update offset).</summary>
public sealed class LiteDbBotStateStore(LiteDbDatabase database, TimeProvider time) : IBotStateStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.Read(db => db.GetCollection(LiteDbCollections.BotState).FindById(key)?["value"].AsString));

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        database.Write(db => db.GetCollection(LiteDbCollections.BotState).Upsert(
            new BsonDocument { ["_id"] = key, ["value"] = value, ["updated_at"] = time.GetUtcNow().UtcDateTime }));
        return Task.CompletedTask;
    }
}
