using ChatBot.Core.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Honours Discord's REST rate limits for every request of the typed client: waits when a bucket
/// (learned from <c>X-RateLimit-*</c> headers) is empty or a global limit is in force, caps the rate at
/// 50 requests/s, and on 429 waits <c>retry_after</c> and sends the same request again.
/// </summary>
internal sealed class DiscordRateLimitHandler(
    DiscordRateLimitState state, TimeProvider time, ILogger<DiscordRateLimitHandler> logger, ChatBotMetrics? metrics = null) : DelegatingHandler
{
    private const int MaxAttempts = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = request.Options.TryGetValue(DiscordRoute.OptionKey, out var known)
            ? known
            : new DiscordRoute(request.Method.Method, "(unnamed route)", "");

        for (var attempt = 1; ; attempt++)
        {
            await WaitForGlobalAsync(cancellationToken);
            await BucketFor(route).WaitForSlotAsync(time, cancellationToken);

            var response = await base.SendAsync(request, cancellationToken);
            Update(route, response);

            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
            {
                logger.LogDebug("Discord {Route} → {Status}", route, (int)response.StatusCode);
                return response;
            }

            var (retryAfter, global) = await ReadRetryAfterAsync(response, cancellationToken);
            if (global)
            {
                state.BlockGlobally(time.GetUtcNow() + retryAfter);
            }

            logger.LogWarning(
                "Discord rate limited {Route} ({Scope}); retrying the same request in {RetryAfterMs} ms",
                route,
                global ? "global" : "bucket",
                (int)retryAfter.TotalMilliseconds);
            response.Dispose();
            metrics?.RateLimitWaited(DiscordPlatform.Name);
            await Task.Delay(retryAfter, time, cancellationToken);
        }
    }

    private async Task WaitForGlobalAsync(CancellationToken cancellationToken)
    {
        var wait = state.GlobalBlockedUntil - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            metrics?.RateLimitWaited(DiscordPlatform.Name);
            await Task.Delay(wait, time, cancellationToken);
        }

        await state.GlobalRate.WaitAsync(cancellationToken);
    }

    private RateLimitBucket BucketFor(DiscordRoute route) => state.BucketFor(route);

    private void Update(DiscordRoute route, HttpResponseMessage response)
    {
        var headers = response.Headers;
        if (Header(headers, "X-RateLimit-Bucket") is { } bucketId)
        {
            state.LearnBucket(route, bucketId);
        }

        if (int.TryParse(Header(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            && double.TryParse(Header(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            // Reset-After is relative, so a skewed local clock does not matter.
            BucketFor(route).Update(remaining, time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter));
        }
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        double? seconds = null;
        var global = string.Equals(Header(response.Headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
                     || string.Equals(Header(response.Headers, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.TryGetProperty("retry_after", out var retry) && retry.TryGetDouble(out var value))
            {
                seconds = value;
            }

            if (body.RootElement.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True)
            {
                global = true;
            }
        }
        catch (JsonException)
        {
            // A 429 from a proxy may not be JSON; fall back to the headers.
        }

        seconds ??= double.TryParse(Header(response.Headers, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header) ? header : 1;
        return (TimeSpan.FromSeconds(Math.Clamp(seconds.Value, 0, 3600)), global);
    }

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
