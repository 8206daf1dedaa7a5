namespace ChatBot.Core.Ingestion;

/// <summary>Durable storage of processed articles. Each write of one article is atomic.</summary>
public interface IArticleStore
{
    /// <summary>Content hash, file signature and library folder of every stored article, by id.</summary>
    Task<IReadOnlyDictionary<string, StoredSourceState>> GetSourceStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the article (metadata, folder and all passages) in one transaction, remembering its file signature.</summary>
    Task ReplaceAsync(ProcessedArticle article, string? signature = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Remembers new file signatures (and folders) for articles whose content did not change (their files were
    /// touched, or an index from before folders were recorded), in one write: after a bulk copy every file may need one.
    /// </summary>
    Task SetSignaturesAsync(
        IReadOnlyCollection<(string ArticleId, string? Signature, string Folder)> signatures, CancellationToken cancellationToken = default);

    Task DeleteAsync(string articleId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredArticle>> GetStoredArticlesAsync(CancellationToken cancellationToken = default);
}
