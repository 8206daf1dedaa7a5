using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>Serializer settings for the Bot API: optional fields are omitted rather than sent as null.</summary>
public static class TelegramJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
