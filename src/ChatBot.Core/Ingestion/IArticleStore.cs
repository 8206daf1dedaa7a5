namespace ChatBot.Core.Ingestion;

/// <summary>Durable storage of processed articles. Each write of one article is atomic.</summary>
public interface IArticleStore
{
    /// <summary>Content hash and file signature of every stored article, by id.</summary>
    Task<IReadOnlyDictionary<string, StoredSourceState>> GetSourceStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the article (metadata and all passages) in one transaction, remembering its file signature.</summary>
    Task ReplaceAsync(ProcessedArticle article, string? signature = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Remembers new file signatures for articles whose content did not change (their files were touched), in one
    /// write: after a bulk copy every file may need one.
    /// </summary>
    Task SetSignaturesAsync(IReadOnlyCollection<(string ArticleId, string? Signature)> signatures, CancellationToken cancellationToken = default);

    Task DeleteAsync(string articleId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredArticle>> GetStoredArticlesAsync(CancellationToken cancellationToken = default);
}
