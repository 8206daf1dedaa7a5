using System.Globalization;
using ChatBot.Core.Articles;

namespace ChatBot.Core.Answers;

/// <summary>
/// Formats the parts of a citation the same way on every platform:
/// "Title — Publisher, 10 November 2014 — https://…". Platform renderers add their own markup around these parts.
/// </summary>
public sealed class CitationFormatter
{
    /// <summary>Said after an inferred day, so a reader never takes an estimate for a printed date.</summary>
    public const string InferredQualifier = "date inferred from the text";

    /// <summary>Said only when neither the text nor a sidecar gives any day.</summary>
    public const string UnknownDate = "date unknown";

    /// <summary>"10 November 2014"; "16 December 2016, date inferred from the text"; or "date unknown".</summary>
    public string FormatDate(PublicationDate date) => date switch
    {
        { Certain: true, Value: { } day } => FormatDay(day),
        { Value: { } estimate } => $"{FormatDay(estimate)}, {InferredQualifier}",
        _ => UnknownDate,
    };

    /// <summary>"10 November 2014" (invariant culture, no time, no zone: a publication day is a calendar day).</summary>
    public static string FormatDay(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

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
