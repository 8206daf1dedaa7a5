using System.Text.Json.Serialization;

namespace ChatBot.Discord.Models;

/// <summary>Points at another message; sent to reply, received on replies.</summary>
public sealed record DiscordMessageReference(
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("guild_id")] string? GuildId = null,
    [property: JsonPropertyName("fail_if_not_exists")] bool? FailIfNotExists = null);
