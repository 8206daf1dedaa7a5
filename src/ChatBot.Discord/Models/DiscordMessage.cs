using System.Text.Json.Serialization;

namespace ChatBot.Discord.Models;

/// <summary>MESSAGE_CREATE payload (a message object). <c>guild_id</c> is absent in DMs.</summary>
public sealed record DiscordMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("author")] DiscordUser Author,
    [property: JsonPropertyName("content")] string? Content = null,
    [property: JsonPropertyName("guild_id")] string? GuildId = null,
    [property: JsonPropertyName("mentions")] IReadOnlyList<DiscordUser>? Mentions = null,
    [property: JsonPropertyName("message_reference")] DiscordMessageReference? MessageReference = null,
    [property: JsonPropertyName("referenced_message")] DiscordMessage? ReferencedMessage = null,
    [property: JsonPropertyName("webhook_id")] string? WebhookId = null);
