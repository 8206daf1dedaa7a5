using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

public sealed record User(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("is_bot")] bool IsBot,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("username")] string? Username = null);
