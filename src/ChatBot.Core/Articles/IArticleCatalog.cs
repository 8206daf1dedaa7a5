namespace ChatBot.Core.Articles;

/// <summary>The articles the bot knows about, for "sources" listings.</summary>
public interface IArticleCatalog
{
    Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default);
}
