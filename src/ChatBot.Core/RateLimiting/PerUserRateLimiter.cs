using System.Collections.Concurrent;

namespace ChatBot.Core.RateLimiting;

/// <summary>
/// Sliding-window limit per user key (e.g. "telegram:123"). Thread-safe; time comes from a
/// <see cref="TimeProvider"/> so tests can move the clock instead of sleeping.
/// </summary>
public sealed class PerUserRateLimiter(PerUserRateLimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    public const string SlowDownMessage = "You're asking faster than I can keep up. Please wait a minute and ask again.";

    /// <summary>Records a question from <paramref name="userKey"/>; false when that user is over the limit.</summary>
    public bool TryAcquire(string userKey)
    {
        var now = time.GetUtcNow();
        var windowStart = now - options.Window;
        var stamps = _recent.GetOrAdd(userKey, _ => new Queue<DateTimeOffset>());
        lock (stamps)
        {
            while (stamps.Count > 0 && stamps.Peek() <= windowStart)
            {
                stamps.Dequeue();
            }

            if (stamps.Count >= options.QuestionsPerWindow)
            {
                return false;
            }

            stamps.Enqueue(now);
            return true;
        }
    }
}
