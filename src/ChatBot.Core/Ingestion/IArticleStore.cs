namespace ChatBot.Core.Ingestion;

/// <summary>Durable storage of processed articles. Each write of one article is atomic.</summary>
public interface IArticleStore
{
    /// <summary>Content hash of every stored article, by id.</summary>
    Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the article (metadata and all passages) in one transaction.</summary>
    Task ReplaceAsync(ProcessedArticle article, CancellationToken cancellationToken = default);

    Task DeleteAsync(string articleId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredArticle>> GetStoredArticlesAsync(CancellationToken cancellationToken = default);
}
