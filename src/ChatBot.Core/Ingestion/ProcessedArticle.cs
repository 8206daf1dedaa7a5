using ChatBot.Core.Articles;
using ChatBot.Core.Passages;

namespace ChatBot.Core.Ingestion;

/// <summary>An article ready to store: metadata, cleaned body, passages and the hash that makes re-ingest free.</summary>
public sealed record ProcessedArticle(
    ArticleMetadata Metadata,
    string Body,
    IReadOnlyList<Passage> Passages,
    IReadOnlyList<string> Warnings,
    string ContentHash)
{
    /// <summary>The library folder (full path) the article's file is in; empty when not read from a library folder.</summary>
    public string Folder { get; init; } = string.Empty;
}

/// <summary>What the store knows about an article, for reports and catalogues.</summary>
public sealed record StoredArticle(ArticleMetadata Metadata, IReadOnlyList<string> Warnings, int PassageCount)
{
    /// <summary>The library folder the article came from; empty for articles stored before folders were recorded.</summary>
    public string Folder { get; init; } = string.Empty;
}
