using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>Loads cited passages with their article metadata (primary-key reads, under one read lock).</summary>
public sealed class LiteDbPassageLookup(LiteDbDatabase database) : IPassageLookup
{
    public Task<IReadOnlyDictionary<long, CitedPassage>> GetAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<long, CitedPassage>>(database.Read(db =>
        {
            var passages = db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64);
            var articles = db.GetCollection(LiteDbCollections.Articles);
            var metadata = new Dictionary<string, ArticleMetadata?>(StringComparer.Ordinal);
            var found = new Dictionary<long, CitedPassage>();
            foreach (var id in passageIds.Distinct())
            {
                if (passages.FindById(id) is not { } passage)
                {
                    continue;
                }

                var articleId = passage["article_id"].AsString;
                if (!metadata.TryGetValue(articleId, out var article))
                {
                    article = articles.FindById(articleId) is { } document ? ArticleDocuments.ReadMetadata(document) : null;
                    metadata[articleId] = article;
                }

                if (article is not null)
                {
                    found[id] = new CitedPassage(article, passage["ordinal"].AsInt32, passage["text"].AsString, 0);
                }
            }

            return found;
        }));
}
