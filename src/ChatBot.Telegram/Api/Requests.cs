using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

// Request bodies of the Bot API methods the bot uses. Null members are left out of the JSON.

public sealed record GetUpdatesRequest(
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("timeout")] int Timeout,
    [property: JsonPropertyName("allowed_updates")] IReadOnlyList<string> AllowedUpdates);

public sealed record DeleteWebhookRequest(
    [property: JsonPropertyName("drop_pending_updates")] bool DropPendingUpdates);

public sealed record SetWebhookRequest(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("secret_token")] string SecretToken,
    [property: JsonPropertyName("allowed_updates")] IReadOnlyList<string> AllowedUpdates,
    [property: JsonPropertyName("max_connections")] int? MaxConnections = null);

public sealed record LinkPreviewOptions(
    [property: JsonPropertyName("is_disabled")] bool IsDisabled);

public sealed record ReplyParameters(
    [property: JsonPropertyName("message_id")] long MessageId,
    [property: JsonPropertyName("allow_sending_without_reply")] bool AllowSendingWithoutReply = true);

public sealed record SendMessageRequest(
    [property: JsonPropertyName("chat_id")] long ChatId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("parse_mode")] string? ParseMode = null,
    [property: JsonPropertyName("link_preview_options")] LinkPreviewOptions? LinkPreviewOptions = null,
    [property: JsonPropertyName("reply_parameters")] ReplyParameters? ReplyParameters = null);

public sealed record SendChatActionRequest(
    [property: JsonPropertyName("chat_id")] long ChatId,
    [property: JsonPropertyName("action")] string Action);

public sealed record SetMyCommandsRequest(
    [property: JsonPropertyName("commands")] IReadOnlyList<BotCommand> Commands);

public sealed record InputTextMessageContent(
    [property: JsonPropertyName("message_text")] string MessageText,
    [property: JsonPropertyName("parse_mode")] string? ParseMode = null,
    [property: JsonPropertyName("link_preview_options")] LinkPreviewOptions? LinkPreviewOptions = null);

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

public sealed record AnswerInlineQueryRequest(
    [property: JsonPropertyName("inline_query_id")] string InlineQueryId,
    [property: JsonPropertyName("results")] IReadOnlyList<InlineQueryResultArticle> Results,
    [property: JsonPropertyName("cache_time")] int? CacheTime = null,
    [property: JsonPropertyName("is_personal")] bool? IsPersonal = null);
