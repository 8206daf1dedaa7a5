using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record AnswerInlineQueryRequest(
    [property: JsonPropertyName("inline_query_id")] string InlineQueryId,
    [property: JsonPropertyName("results")] IReadOnlyList<InlineQueryResultArticle> Results,
    [property: JsonPropertyName("cache_time")] int? CacheTime = null,
    [property: JsonPropertyName("is_personal")] bool? IsPersonal = null);
