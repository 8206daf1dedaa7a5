using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record SendChatActionRequest(
    [property: JsonPropertyName("chat_id")] long ChatId,
    [property: JsonPropertyName("action")] string Action);
