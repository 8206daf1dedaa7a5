using System.Text.Json.Serialization;

namespace ChatBot.Discord.Models;

/// <summary>The part of a Discord user object the bot needs.</summary>
public sealed record DiscordUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("bot")] bool? Bot = null);
