using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// Articles and their passages. A replacement deletes the old passages (and their token states and vectors) and inserts the new ones
/// in one transaction, moving the passage generation (and the vector generation when vectors went).
/// </summary>
public sealed class LiteDbArticleStore(LiteDbDatabase database, TimeProvider time) : IArticleStore, IArticleCatalog
{
    public Task<IReadOnlyDictionary<string, StoredSourceState>> GetSourceStatesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, StoredSourceState>>(database.Read(db =>
            db.GetCollection(LiteDbCollections.Articles).FindAll().ToDictionary(
                a => a["_id"].AsString,
                a => new StoredSourceState(a["content_hash"].AsString, ArticleDocuments.NullableString(a["signature"]), a["folder"].AsString),
                StringComparer.Ordinal)));

    public Task SetSignaturesAsync(
        IReadOnlyCollection<(string ArticleId, string? Signature, string Folder)> signatures, CancellationToken cancellationToken = default)
    {
        database.Write(db =>
        {
            var articles = db.GetCollection(LiteDbCollections.Articles);
            foreach (var (articleId, signature, folder) in signatures)
            {
                if (articles.FindById(articleId) is { } article)
                {
                    article["signature"] = signature is null ? BsonValue.Null : new BsonValue(signature);
                    article["folder"] = folder;
                    articles.Update(article);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task ReplaceAsync(ProcessedArticle article, string? signature = null, CancellationToken cancellationToken = default)
    {
        database.Write(db =>
        {
            RemoveArticle(db, article.Metadata.Id);
            var document = new BsonDocument();
            ArticleDocuments.WriteMetadata(document, article.Metadata);
            document["content_hash"] = article.ContentHash;
            document["signature"] = signature is null ? BsonValue.Null : new BsonValue(signature);
            document["folder"] = article.Folder;
            document["body"] = article.Body;
            document["warnings"] = new BsonArray(article.Warnings.Select(w => new BsonValue(w)));
            document["passage_count"] = article.Passages.Count;
            document["ingested_at"] = time.GetUtcNow().UtcDateTime;
            db.GetCollection(LiteDbCollections.Articles).Insert(document);
            db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64).InsertBulk(article.Passages.Select(p => new BsonDocument
            {
                ["article_id"] = article.Metadata.Id,
                ["ordinal"] = p.Ordinal,
                ["start"] = p.Start,
                ["length"] = p.Length,
                ["text"] = p.Text,
            }));
            Generations.Bump(db, Generations.Passages);
        });
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string articleId, CancellationToken cancellationToken = default)
    {
        database.Write(db =>
        {
            if (RemoveArticle(db, articleId))
            {
                Generations.Bump(db, Generations.Passages);
            }
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredArticle>> GetStoredArticlesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredArticle>>(database.Read(db =>
            db.GetCollection(LiteDbCollections.Articles).FindAll()
                .Select(a => new StoredArticle(
                    ArticleDocuments.ReadMetadata(a), a["warnings"].AsArray.Select(w => w.AsString).ToList(), a["passage_count"].AsInt32)
                {
                    Folder = a["folder"].AsString,
                })
                .OrderBy(a => a.Metadata.Id, StringComparer.Ordinal)
                .ToList()));

    public async Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
        (await GetStoredArticlesAsync(cancellationToken)).Select(a => a.Metadata).ToList();

    /// <summary>Deletes the article, its passages, their token states and vectors (LiteDB has no cascades); false when it was not stored.</summary>
    private static bool RemoveArticle(LiteDatabase db, string articleId)
    {
        var passages = db.GetCollection(LiteDbCollections.Passages, BsonAutoId.Int64);
        var ids = passages.Find(Query.EQ("article_id", articleId)).Select(p => p["_id"]).ToList();
        var tokenStates = db.GetCollection(LiteDbCollections.TokenStates);
        foreach (var id in ids)
        {
            tokenStates.Delete(id);
        }

        var vectors = db.GetCollection(LiteDbCollections.Vectors);
        var vectorsRemoved = ids.Count(id => vectors.Delete(id));
        if (vectorsRemoved > 0)
        {
            Generations.Bump(db, Generations.Vectors);
        }

        passages.DeleteMany(Query.EQ("article_id", articleId));
        return db.GetCollection(LiteDbCollections.Articles).Delete(articleId) || ids.Count > 0;
    }
}
