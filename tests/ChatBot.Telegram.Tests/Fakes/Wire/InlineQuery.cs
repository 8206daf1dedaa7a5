using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

public sealed record InlineQuery(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] User From,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("offset")] string Offset = "",
    [property: JsonPropertyName("chat_type")] string? ChatType = null);
