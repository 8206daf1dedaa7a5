using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// The collections of the LiteDB file, in one place. A new port needs a name here, its indexes in
/// <see cref="EnsureIndexes"/>, and (if other readers cache what it holds) a counter bumped through
/// <see cref="Generations"/> in the same write.
/// </summary>
internal static class LiteDbCollections
{
    /// <summary>One document per article, <c>_id</c> = article id (metadata, folder, hash, signature, body, warnings).</summary>
    public const string Articles = "articles";

    /// <summary>One document per passage, <c>_id</c> = passage id (Int64, assigned on insert), indexed by <c>article_id</c>.</summary>
    public const string Passages = "passages";

    /// <summary>One document per embedded passage, <c>_id</c> = passage id; <c>vector</c> holds little-endian float32 bytes.</summary>
    public const string Vectors = "vectors";

    /// <summary>
    /// One document per passage with token states, <c>_id</c> = passage id; <c>model</c> the vector set id, <c>states</c>
    /// <see cref="ChatBot.Core.Retrieval.LateInteraction.TokenStates.ToBytes"/>. Removed with the passage by hand.
    /// </summary>
    public const string TokenStates = "passage_token_states";

    /// <summary>The library's folder list: one document, <c>_id</c> = 1, <c>folders</c> an array of keys in order.</summary>
    public const string Library = "library";

    /// <summary>Key/value bot state, <c>_id</c> = key.</summary>
    public const string BotState = "bot_state";

    /// <summary>Change counters, <c>_id</c> = what they count (<see cref="Generations"/>).</summary>
    public const string Generations = "generations";

    /// <summary>File storage for snapshots, which outgrow LiteDB's 16 MB document limit at 100k passages.</summary>
    public const string SnapshotFiles = "_snapshot_files";

    public const string SnapshotChunks = "_snapshot_chunks";

    public static void EnsureIndexes(LiteDatabase db)
    {
        db.GetCollection(Passages, BsonAutoId.Int64).EnsureIndex("article_id", "$.article_id");
    }
}
