using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// Change counters kept as documents. LiteDB has no triggers, so every write that changes passages or vectors calls
/// <see cref="Bump"/> inside its own transaction; the contract tests check that each write moves them.
/// </summary>
internal static class Generations
{
    public const string Passages = "passages";
    public const string Vectors = "vectors";

    public static long Read(LiteDatabase db, string name) =>
        db.GetCollection(LiteDbCollections.Generations).FindById(name)?["value"].AsInt64 ?? 1;

    public static void Bump(LiteDatabase db, string name)
    {
        var next = Read(db, name) + 1;
        db.GetCollection(LiteDbCollections.Generations).Upsert(new BsonDocument { ["_id"] = name, ["value"] = next });
    }
}
