using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record InlineQueryResultArticle(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("input_message_content")] InputTextMessageContent InputMessageContent,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("url")] string? Url = null)
{
    [JsonPropertyName("type")]
    public string Type => "article";
}
