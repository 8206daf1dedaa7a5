using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

public sealed record Message(
    [property: JsonPropertyName("message_id")] long MessageId,
    [property: JsonPropertyName("chat")] Chat Chat,
    [property: JsonPropertyName("date")] long Date,
    [property: JsonPropertyName("from")] User? From = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("entities")] IReadOnlyList<MessageEntity>? Entities = null,
    [property: JsonPropertyName("reply_to_message")] Message? ReplyToMessage = null);
