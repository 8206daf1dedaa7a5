using System.Text.Json.Serialization;

namespace ChatBot.Core.Articles;

/// <summary>
/// Optional <c>seeds/&lt;id&gt;.meta.json</c>: facts the scrape itself cannot prove, each with its basis written down.
/// Every field present overrides what extraction found.
/// </summary>
public sealed record ArticleSidecar
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("title_basis")]
    public string? TitleBasis { get; init; }

    [JsonPropertyName("publisher")]
    public string? Publisher { get; init; }

    [JsonPropertyName("publisher_basis")]
    public string? PublisherBasis { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>ISO date (YYYY-MM-DD): the best known publication day.</summary>
    [JsonPropertyName("published")]
    public DateOnly? Published { get; init; }

    [JsonPropertyName("date_certain")]
    public bool? DateCertain { get; init; }

    /// <summary>Required whenever <see cref="Published"/> is given: how the date is known.</summary>
    [JsonPropertyName("date_basis")]
    public string? DateBasis { get; init; }
}
