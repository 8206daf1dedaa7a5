using System.Collections.Concurrent;

namespace ChatBot.Discord.Rest;

/// <summary>
/// What is known about Discord's rate limits, shared by every request. A singleton apart from the handler,
/// because HttpClientFactory may rebuild handler pipelines while the limits stay in force.
/// </summary>
internal sealed class DiscordRateLimitState(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _bucketIdByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalBlockedUntil = DateTimeOffset.MinValue;

    /// <summary>Discord's global cap for bots: 50 requests per second.</summary>
    public SlidingWindowGate GlobalRate { get; } = new(50, TimeSpan.FromSeconds(1), time);

    public DateTimeOffset GlobalBlockedUntil
    {
        get { lock (_globalLock) { return _globalBlockedUntil; } }
    }

    public void BlockGlobally(DateTimeOffset until)
    {
        lock (_globalLock)
        {
            if (until > _globalBlockedUntil)
            {
                _globalBlockedUntil = until;
            }
        }
    }

    /// <summary>Routes share a bucket when Discord reports the same bucket id; until then each route is its own.</summary>
    public RateLimitBucket BucketFor(DiscordRoute route)
    {
        var routeKey = $"{route.Method} {route.Template}";
        var bucketId = _bucketIdByRoute.TryGetValue(routeKey, out var id) ? id : routeKey;
        return _buckets.GetOrAdd($"{bucketId} {route.MajorParameter}", _ => new RateLimitBucket());
    }

    public void LearnBucket(DiscordRoute route, string bucketId) =>
        _bucketIdByRoute[$"{route.Method} {route.Template}"] = bucketId;
}
