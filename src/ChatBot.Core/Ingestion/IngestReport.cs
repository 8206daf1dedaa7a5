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
}
