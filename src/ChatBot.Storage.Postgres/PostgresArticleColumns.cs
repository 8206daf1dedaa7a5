using ChatBot.Core.Articles;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>The article columns every query that cites an article selects, and how to read them back.</summary>
internal static class PostgresArticleColumns
{
    /// <summary>Column list for <c>articles AS a</c>; <see cref="Read"/> expects them at <c>offset</c>.</summary>
    public const string Select = "a.id, a.title, a.publisher, a.url, a.published, a.date_certain, a.date_basis";

    public const int Count = 7;

    public static ArticleMetadata Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetString(offset),
        reader.GetString(offset + 1),
        NullableString(reader, offset + 2),
        NullableString(reader, offset + 3),
        new PublicationDate(
            reader.IsDBNull(offset + 4) ? null : reader.GetFieldValue<DateOnly>(offset + 4),
            reader.GetBoolean(offset + 5),
            reader.GetString(offset + 6)));

    public static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
