using System.Globalization;
using ChatBot.Core.Articles;

namespace ChatBot.Core.Answers;

/// <summary>
/// Formats the parts of a citation the same way on every platform:
/// "Title — Publisher, 10 November 2014 — https://…". Platform renderers add their own markup around these parts.
/// </summary>
public sealed class CitationFormatter
{
    public const string UncertainDate = "date uncertain";

    /// <summary>"10 November 2014", or "date uncertain" when the date is unknown or not proven.</summary>
    public string FormatDate(PublicationDate date) =>
        date.CitableValue is { } day
            ? day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : UncertainDate;

    /// <summary>"Publisher, 10 November 2014" (publisher omitted when unknown).</summary>
    public string FormatSourceLine(ArticleMetadata article) =>
        article.Publisher is { Length: > 0 } publisher
            ? $"{publisher}, {FormatDate(article.Date)}"
            : FormatDate(article.Date);

    /// <summary>The whole citation as one line of plain text.</summary>
    public string Format(ArticleMetadata article)
    {
        var line = $"{article.Title} — {FormatSourceLine(article)}";
        return article.Url is { Length: > 0 } url ? $"{line} — {url}" : line;
    }
}
