using System.Text.Json.Serialization;

namespace ChatBot.Discord.Models;

/// <summary>INTERACTION_CREATE payload. In guilds the user is in <c>member.user</c>, in DMs in <c>user</c>.</summary>
public sealed record DiscordInteraction(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("application_id")] string ApplicationId,
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("data")] DiscordInteractionData? Data = null,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("guild_id")] string? GuildId = null,
    [property: JsonPropertyName("member")] DiscordGuildMember? Member = null,
    [property: JsonPropertyName("user")] DiscordUser? User = null)
{
    public const int ApplicationCommandType = 2;

    /// <summary>Whoever invoked the interaction, wherever it happened.</summary>
    [JsonIgnore]
    public DiscordUser? Invoker => Member?.User ?? User;
}
