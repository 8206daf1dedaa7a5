using System.Text.Json.Serialization;

namespace ChatBot.Discord.Rest;

/// <summary>An application command definition for PUT /applications/{app}/commands.</summary>
public sealed record ApplicationCommandDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("options")] IReadOnlyList<ApplicationCommandOptionDefinition> Options,
    [property: JsonPropertyName("type")] int Type = ApplicationCommandDefinition.ChatInputType)
{
    public const int ChatInputType = 1;
}

public sealed record ApplicationCommandOptionDefinition(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("max_length")] int? MaxLength = null)
{
    public const int StringType = 3;
}

/// <summary>Body of POST /interactions/{id}/{token}/callback.</summary>
public sealed record InteractionResponse(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("data")] DiscordMessagePayload? Data = null)
{
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;

    /// <summary>Message flag: only the invoking user sees it.</summary>
    public const int EphemeralFlag = 1 << 6;
}
