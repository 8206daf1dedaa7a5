namespace ChatBot.Storage.Postgres;

/// <summary>
/// The advisory lock keys the bot takes (one bigint namespace per database). Fixed numbers, so every replica and
/// every version agrees on them; the high half spells "CBot".
/// </summary>
internal static class AdvisoryLockKeys
{
    private const long Prefix = 0x43426F74L << 32;

    public const long Migrations = Prefix | 1;

    public const long Ingest = Prefix | 2;

    /// <summary>Held for the length of one change to the library's folder list (a transaction lock).</summary>
    public const long LibraryFolders = Prefix | 3;

    /// <summary>Leader leases hash their name into the low half above this base.</summary>
    public const long LeaderBase = Prefix | 0x1000;

    public static long Leader(string name)
    {
        // FNV-1a: stable across processes and versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return LeaderBase + (hash & 0x0FFF_FFFF);
    }
}
