using System.Text.Json.Serialization;
using ChatBot.Discord.Models;

namespace ChatBot.Discord.Rest;

/// <summary>Body of POST /channels/{id}/messages, and of the webhook edit of an interaction's reply.</summary>
public sealed record DiscordMessagePayload(
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("embeds")] IReadOnlyList<DiscordEmbed>? Embeds,
    [property: JsonPropertyName("allowed_mentions")] DiscordAllowedMentions AllowedMentions,
    [property: JsonPropertyName("message_reference")] DiscordMessageReference? MessageReference = null,
    [property: JsonPropertyName("flags")] int? Flags = null);

/// <summary>
/// Which mentions in the text may notify. An empty <c>parse</c> list means none: a quoted "@everyone" or
/// "&lt;@id&gt;" in an article or a question is shown but pings nobody.
/// </summary>
public sealed record DiscordAllowedMentions(
    [property: JsonPropertyName("parse")] IReadOnlyList<string> Parse,
    [property: JsonPropertyName("replied_user")] bool RepliedUser)
{
    /// <summary>Nothing pings except the reply notification to the person who asked.</summary>
    public static DiscordAllowedMentions OnlyRepliedUser { get; } = new([], RepliedUser: true);
}

public sealed record DiscordEmbed(
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("url")] string? Url = null,
    [property: JsonPropertyName("timestamp")] string? Timestamp = null,
    [property: JsonPropertyName("fields")] IReadOnlyList<DiscordEmbedField>? Fields = null,
    [property: JsonPropertyName("footer")] DiscordEmbedFooter? Footer = null)
{
    /// <summary>The colour bar, 0xRRGGBB.</summary>
    [JsonPropertyName("color")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Color { get; init; }

    /// <summary>The small line above the title; here, which tier the embed is.</summary>
    [JsonPropertyName("author")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DiscordEmbedAuthor? Author { get; init; }
}

public sealed record DiscordEmbedAuthor([property: JsonPropertyName("name")] string Name);

public sealed record DiscordEmbedField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("inline")] bool Inline = false);

public sealed record DiscordEmbedFooter([property: JsonPropertyName("text")] string Text);
