using System.Net;

namespace ChatBot.Discord.Rest;

/// <summary>
/// A Discord REST call failed. The message names the route template (never the concrete path, which can
/// hold an interaction token) and Discord's error text; the bot token never appears.
/// </summary>
public sealed class DiscordApiException(string route, HttpStatusCode statusCode, string? discordMessage)
    : Exception($"Discord API {route} failed with {(int)statusCode} {statusCode}{(string.IsNullOrEmpty(discordMessage) ? "" : ": " + discordMessage)}")
{
    public string Route { get; } = route;

    public HttpStatusCode StatusCode { get; } = statusCode;
}
