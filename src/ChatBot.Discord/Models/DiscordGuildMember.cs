using System.Text.Json.Serialization;

namespace ChatBot.Discord.Models;

/// <summary>The guild member that invoked an interaction in a guild.</summary>
public sealed record DiscordGuildMember([property: JsonPropertyName("user")] DiscordUser? User);
