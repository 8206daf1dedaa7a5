namespace ChatBot.Core.Articles;

/// <summary>Everything a citation needs about one article.</summary>
/// <param name="Id">The seed file name without extension, e.g. <c>000_f2449a9af08e5e18</c>.</param>
/// <param name="Title">Headline of the article.</param>
/// <param name="Publisher">Publishing outlet, when known.</param>
/// <param name="Url">Canonical link, when known.</param>
/// <param name="Date">Publication date with its basis.</param>
public sealed record ArticleMetadata(
    string Id,
    string Title,
    string? Publisher,
    string? Url,
    PublicationDate Date);
