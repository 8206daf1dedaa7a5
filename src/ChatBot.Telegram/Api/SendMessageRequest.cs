using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record SendMessageRequest(
    [property: JsonPropertyName("chat_id")] long ChatId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("parse_mode")] string? ParseMode = null,
    [property: JsonPropertyName("link_preview_options")] LinkPreviewOptions? LinkPreviewOptions = null,
    [property: JsonPropertyName("reply_parameters")] ReplyParameters? ReplyParameters = null);
