namespace ChatBot.Core.Articles;

public enum BlockKind
{
    Paragraph,
    Heading,
}

/// <summary>A paragraph or sub-heading of the article body, in reading order.</summary>
public sealed record BodyBlock(BlockKind Kind, string Text);

/// <summary>
/// The article content recovered from a scrape, plus the page furniture that metadata extraction needs
/// (explicit date line, source URL, credits). Nothing in <see cref="Blocks"/> is navigation, captions or widgets.
/// </summary>
public sealed record CleanedScrape(
    string? Title,
    IReadOnlyList<BodyBlock> Blocks,
    string? SourceUrl,
    string? ExplicitDateLine,
    IReadOnlyList<string> PageTimestamps,
    IReadOnlyList<string> Credits);
