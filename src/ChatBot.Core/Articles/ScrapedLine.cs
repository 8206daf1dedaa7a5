namespace ChatBot.Core.Articles;

/// <summary>What one line of a scraped page turned out to be.</summary>
public enum LineKind
{
    Blank,
    Text,
    HeadlineLike,
    Boilerplate,
    PageTimestamp,
    ExplicitDate,
    SourceUrl,
    Caption,
    Credit,
    TagList,
    ForeignLanguage,
    Numeric,
}

/// <summary>A trimmed line of the raw scrape with its classification.</summary>
public sealed record ScrapedLine(string Text, LineKind Kind);
