using System.Text.RegularExpressions;
using ChatBot.Core.Diagnostics;
using ChatBot.Discord.Rest;

namespace ChatBot.Host.Observability;

/// <summary>
/// Counts every request a platform client sends (<c>chatbot_platform_api_calls_total</c>) by platform, method and
/// status class. It sits innermost, so a request retried after a 429 counts once per attempt. The method label is
/// a fixed vocabulary — a Bot API method name or a Discord route template — never a URL: Telegram URLs carry the
/// token and Discord's interaction URLs a token of their own.
/// </summary>
internal sealed partial class PlatformCallMetricsHandler(ChatBotMetrics metrics, string platform, Func<HttpRequestMessage, string> methodOf)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = methodOf(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            metrics.PlatformCalled(platform, method, "error");
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            metrics.PlatformCalled(platform, method, "error");
            throw;
        }

        metrics.PlatformCalled(platform, method, StatusClass((int)response.StatusCode));
        return response;
    }

    public static string StatusClass(int status) => status is >= 100 and <= 599 ? $"{status / 100}xx" : "other";

    /// <summary>The Bot API method, the last segment of <c>/bot&lt;token&gt;/&lt;method&gt;</c>; "other" for anything else (file downloads).</summary>
    public static string TelegramMethod(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var method = path[(path.LastIndexOf('/') + 1)..];
        return BotApiMethod().IsMatch(method) && path.Contains("/bot", StringComparison.Ordinal) ? method : "other";
    }

    /// <summary>The route template the Discord client tagged the request with ("POST channels/{channel.id}/messages").</summary>
    public static string DiscordMethod(HttpRequestMessage request) =>
        request.Options.TryGetValue(DiscordRoute.OptionKey, out var route) ? route.ToString() : "other";

    [GeneratedRegex("^[a-zA-Z]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex BotApiMethod();
}
