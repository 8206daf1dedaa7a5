using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Which folders make up the library (the articles the bot answers from). <c>library add</c> and
/// <c>library remove</c> record the list in the database; until they have, the list is <see cref="Folders"/>
/// (or the single <see cref="SeedsPath"/>). Relative folders are taken from the content root (<c>ChatBot:Root</c>).
/// </summary>
public sealed class LibraryOptions
{
    public const string SectionName = "Library";

    /// <summary>Folders of <c>*.txt</c> articles (and optional <c>.meta.json</c> sidecars), used while <see cref="File"/> does not exist.</summary>
    public List<string> Folders { get; set; } = [];

    /// <summary>The one folder used when <see cref="Folders"/> is empty (the original setting; default <c>seeds</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string SeedsPath { get; set; } = "seeds";

    /// <summary>
    /// The folder list file of older versions: when it exists and the database holds no list yet, it is imported
    /// into the database once and renamed to <c>*.imported</c>. The list now lives in the database.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string File { get; set; } = "data/library.json";

    /// <summary>
    /// Whether a process syncs the index with the folders it can read before its first answer (default true; a
    /// no-change sync costs a stat per file). False: a process with articles in the store answers from them as they
    /// are, and <c>library sync</c> (or <c>library add|remove</c>, <c>ingest</c>) run as a job does the syncing; an
    /// empty store is still synced, so a fresh install works.
    /// </summary>
    public bool SyncOnStart { get; set; } = true;
}
