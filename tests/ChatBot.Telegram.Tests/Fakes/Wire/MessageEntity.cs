using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>A marked span of message text. Offset and length count UTF-16 code units, exactly like C# string indices.</summary>
public sealed record MessageEntity(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("user")] User? User = null)
{
    public const string BotCommandType = "bot_command";
    public const string MentionType = "mention";
    public const string TextMentionType = "text_mention";
}
