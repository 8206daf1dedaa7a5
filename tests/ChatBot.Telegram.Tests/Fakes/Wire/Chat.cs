using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

/// <param name="Type">"private", "group", "supergroup" or "channel".</param>
public sealed record Chat(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("username")] string? Username = null)
{
    public const string PrivateType = "private";

    [JsonIgnore]
    public bool IsPrivate => Type == PrivateType;
}
