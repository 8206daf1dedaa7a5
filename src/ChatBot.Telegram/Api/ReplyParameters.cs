using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record ReplyParameters(
    [property: JsonPropertyName("message_id")] long MessageId,
    [property: JsonPropertyName("allow_sending_without_reply")] bool AllowSendingWithoutReply = true);
