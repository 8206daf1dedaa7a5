using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>One incoming update; only the kinds the bot subscribes to are modelled.</summary>
public sealed record Update(
    [property: JsonPropertyName("update_id")] long UpdateId,
    [property: JsonPropertyName("message")] Message? Message = null,
    [property: JsonPropertyName("inline_query")] InlineQuery? InlineQuery = null)
{
    public const string MessageKind = "message";
    public const string InlineQueryKind = "inline_query";

    /// <summary>The update kinds requested through <c>allowed_updates</c>.</summary>
    public static IReadOnlyList<string> HandledKinds { get; } = [MessageKind, InlineQueryKind];
}
