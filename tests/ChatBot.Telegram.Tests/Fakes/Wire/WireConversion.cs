using System.Text.Json;
using Telegram.Bot;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>The fake's wire records as the bot sees them: serialised as the Bot API sends them, read by Telegram.Bot.</summary>
public static class WireConversion
{
    public static T ToBot<T>(object wire) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(wire, wire.GetType(), TelegramJson.Options), JsonBotAPI.Options)!;
}
