using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record InputTextMessageContent(
    [property: JsonPropertyName("message_text")] string MessageText,
    [property: JsonPropertyName("parse_mode")] string? ParseMode = null,
    [property: JsonPropertyName("link_preview_options")] LinkPreviewOptions? LinkPreviewOptions = null);
