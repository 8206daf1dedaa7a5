using System.Globalization;
using ChatBot.Core.Articles;
using LiteDB;

namespace ChatBot.Storage.LiteDb;

/// <summary>How article metadata is written to and read from an article document.</summary>
internal static class ArticleDocuments
{
    public static void WriteMetadata(BsonDocument document, ArticleMetadata meta)
    {
        document["_id"] = meta.Id;
        document["title"] = meta.Title;
        document["publisher"] = meta.Publisher is null ? BsonValue.Null : new BsonValue(meta.Publisher);
        document["url"] = meta.Url is null ? BsonValue.Null : new BsonValue(meta.Url);
        document["published"] = meta.Date.Value is { } date ? new BsonValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : BsonValue.Null;
        document["date_certain"] = meta.Date.Certain;
        document["date_basis"] = meta.Date.Basis;
    }

    public static ArticleMetadata ReadMetadata(BsonDocument document)
    {
        var published = NullableString(document["published"]);
        return new ArticleMetadata(
            document["_id"].AsString,
            document["title"].AsString,
            NullableString(document["publisher"]),
            NullableString(document["url"]),
            new PublicationDate(
                published is null ? null : DateOnly.ParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                document["date_certain"].AsBoolean,
                document["date_basis"].AsString));
    }

    public static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}
