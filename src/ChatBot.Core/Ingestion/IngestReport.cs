namespace ChatBot.Core.Ingestion;

/// <summary>What one ingest run did, and the resulting metadata of every article.</summary>
public sealed record IngestReport(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Removed,
    IReadOnlyList<StoredArticle> Articles)
{
    public bool ChangedAnything => Added.Count + Updated.Count + Removed.Count > 0;

    /// <summary>Files that were not ingested (bad sidecar, unreadable, binary, not UTF-8…), each with its reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>Library folders that were not found; their articles were kept, not removed.</summary>
    public IReadOnlyList<string> MissingFolders { get; init; } = [];

    /// <summary>Set when this process did not sync because another one was writing the index (what it waited for or skipped).</summary>
    public string? NotSyncedBecause { get; init; }
}
