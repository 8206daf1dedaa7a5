using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

/// <summary>Body of getUpdates. Optional members left null are omitted from the JSON (see <see cref="TelegramJson"/>).</summary>
public sealed record GetUpdatesRequest(
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("timeout")] int Timeout,
    [property: JsonPropertyName("allowed_updates")] IReadOnlyList<string> AllowedUpdates);
