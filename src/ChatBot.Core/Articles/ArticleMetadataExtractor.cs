namespace ChatBot.Core.Articles;

/// <summary>
/// Builds an article's citation metadata from its cleaned scrape, then lets the optional sidecar supply or
/// override fields. Every field that cannot be established produces a warning for the ingest report.
/// </summary>
public sealed class ArticleMetadataExtractor
{
    private readonly PublisherResolver _publishers = new();
    private readonly PublicationDateResolver _dates = new();

    public ExtractedMetadata Extract(string articleId, CleanedScrape scrape, ArticleSidecar? sidecar)
    {
        var warnings = new List<string>();

        var title = sidecar?.Title ?? scrape.Title;
        if (title is null)
        {
            warnings.Add("no headline in the text and no sidecar title");
            title = $"Untitled article {articleId}";
        }
        else if (sidecar?.Title is not null)
        {
            warnings.Add($"title from sidecar ({sidecar.TitleBasis ?? "no basis given"})");
        }

        var publisher = sidecar?.Publisher ?? _publishers.Resolve(scrape);
        if (publisher is null)
        {
            warnings.Add("publisher unknown");
        }

        var url = sidecar?.Url ?? scrape.SourceUrl;
        if (url is null)
        {
            warnings.Add("no canonical URL");
        }

        var date = _dates.Resolve(scrape);
        if (sidecar?.Published is not null || sidecar?.DateCertain is not null)
        {
            date = new PublicationDate(
                sidecar.Published ?? date.Value,
                sidecar.DateCertain ?? false,
                $"sidecar: {sidecar.DateBasis ?? "no basis given"}");
        }

        if (date.IsInferred)
        {
            warnings.Add("publication date inferred, not proven: cited with \"date inferred from the text\"");
        }
        else if (date.Value is null)
        {
            warnings.Add("no publication date: cited as \"date unknown\"");
        }

        return new ExtractedMetadata(new ArticleMetadata(articleId, title, publisher, url, date), warnings);
    }
}
