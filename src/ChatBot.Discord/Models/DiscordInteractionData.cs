using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Discord.Models;

/// <summary>The command that was invoked and its options.</summary>
public sealed record DiscordInteractionData(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("options")] IReadOnlyList<DiscordInteractionOption>? Options = null);

/// <summary>One option value; its JSON type depends on the option type, so it stays a JsonElement.</summary>
public sealed record DiscordInteractionOption(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("value")] JsonElement? Value = null);
