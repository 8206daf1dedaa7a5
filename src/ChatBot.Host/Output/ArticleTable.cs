using System.Globalization;
using ChatBot.Core.Answers;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Terminal;
using Spectre.Console;

namespace ChatBot.Host.Output;

/// <summary>The article metadata table shown by <c>ingest</c>, <c>sources</c> and <c>:sources</c>, with warnings below it.</summary>
internal sealed class ArticleTable(CitationFormatter citations)
{
    public void Write(IAnsiConsole console, IReadOnlyList<StoredArticle> articles)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Id").AddColumn("Title").AddColumn("Publisher").AddColumn("Published").AddColumn("Passages");
        foreach (var article in articles)
        {
            var meta = article.Metadata;
            table.AddRow(
                Markup.Escape(meta.Id),
                Markup.Escape(meta.Title),
                Markup.Escape(meta.Publisher ?? "unknown"),
                Markup.Escape(DateCell(meta.Date)),
                article.PassageCount.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        foreach (var article in articles)
        {
            var meta = article.Metadata;
            console.MarkupLine($"[bold]{Markup.Escape(meta.Id)}[/] folder: {Markup.Escape(article.Folder is { Length: > 0 } folder ? folder : "unknown")}");
            UnbrokenLines.Write(console, $"link: {meta.Url ?? "unknown"}", indent: "  ");
            console.MarkupLine($"  [grey]date basis: {Markup.Escape(meta.Date.Basis)}[/]");
            foreach (var warning in article.Warnings)
            {
                console.MarkupLine($"[yellow]warning[/] {Markup.Escape(article.Metadata.Id)}: {Markup.Escape(warning)}");
            }
        }
    }

    /// <summary>The date exactly as citations show it (an inferred day carries its qualifier).</summary>
    private string DateCell(Core.Articles.PublicationDate date) => citations.FormatDate(date);
}
