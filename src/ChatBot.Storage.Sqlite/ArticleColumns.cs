using System.Globalization;
using ChatBot.Core.Articles;
using Microsoft.Data.Sqlite;

namespace ChatBot.Storage.Sqlite;

/// <summary>The article columns every query that cites an article selects, and how to read them back.</summary>
internal static class ArticleColumns
{
    /// <summary>Column list for <c>articles AS a</c>; <see cref="Read"/> expects them at <c>offset</c>.</summary>
    public const string Select = "a.id, a.title, a.publisher, a.url, a.published, a.date_certain, a.date_basis";

    public const int Count = 7;

    public static ArticleMetadata Read(SqliteDataReader reader, int offset = 0)
    {
        var published = reader.GetNullableString(offset + 4);
        var date = new PublicationDate(
            published is null ? null : DateOnly.ParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            reader.GetInt64(offset + 5) != 0,
            reader.GetString(offset + 6));
        return new ArticleMetadata(
            reader.GetString(offset),
            reader.GetString(offset + 1),
            reader.GetNullableString(offset + 2),
            reader.GetNullableString(offset + 3),
            date);
    }

    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
