namespace ChatBot.Core.Articles;

/// <summary>Metadata plus what could not be established, for the ingest report.</summary>
public sealed record ExtractedMetadata(ArticleMetadata Metadata, IReadOnlyList<string> Warnings);
