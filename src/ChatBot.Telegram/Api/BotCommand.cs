using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

/// <param name="Command">1–32 characters: lowercase letters, digits and underscores, without the slash.</param>
public sealed record BotCommand(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("description")] string Description);
