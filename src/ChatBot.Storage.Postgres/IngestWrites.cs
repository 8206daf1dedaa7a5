namespace ChatBot.Storage.Postgres;

/// <summary>Settings for the transactions an ingest writes.</summary>
internal static class IngestWrites
{
    /// <summary>
    /// The commit returns before the WAL reaches the disk (a server crash may lose the last few ingested articles,
    /// never corrupt or half-write one). An ingest is a re-runnable sync — a lost article is simply ingested again by
    /// the next one — so waiting for a flush per article bought nothing but time: the SQLite store makes the same
    /// trade with synchronous = NORMAL. Update claims keep the server's full durability.
    /// </summary>
    public const string RelaxedCommit = "SET LOCAL synchronous_commit = off";
}
