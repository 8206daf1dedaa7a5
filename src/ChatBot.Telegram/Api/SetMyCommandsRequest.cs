using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record SetMyCommandsRequest(
    [property: JsonPropertyName("commands")] IReadOnlyList<BotCommand> Commands);
