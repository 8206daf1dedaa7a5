using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace ChatBot.Core.Conversation;

/// <summary>How many questions one user may ask per window before the bot asks them to slow down.</summary>
public sealed class QuestionRateLimitOptions
{
    [Range(1, 10_000)]
    public int QuestionsPerWindow { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window slides in this many steps (System.Threading.RateLimiting's segments).</summary>
    [Range(1, 60)]
    public int SegmentsPerWindow { get; set; } = 6;
}

/// <summary>
/// Per-user question limit on System.Threading.RateLimiting: one sliding-window limiter per user key inside a
/// <see cref="PartitionedRateLimiter{TResource}"/>, which drops a user's limiter once it has been idle (all permits back)
/// for a few seconds — so the key set does not grow with every user ever seen, as the hand-written limiter's did.
/// </summary>
/// <remarks>
/// A user over the limit is told once per window (<see cref="RateLimitVerdict.RefusedAndTell"/>); every further refusal
/// in that window is <see cref="RateLimitVerdict.RefusedQuietly"/>, so a flood of 300 messages gets one notice, not 295.
/// </remarks>
public sealed class QuestionRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    // When each refused user was last told; entries older than a window are dropped as new ones arrive.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _toldAt = new(StringComparer.Ordinal);

    public QuestionRateLimiter(QuestionRateLimitOptions options, TimeProvider? time = null)
    {
        _window = options.Window;
        _time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QuestionsPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero);
        var perUser = new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.QuestionsPerWindow,
            Window = options.Window,
            SegmentsPerWindow = Math.Max(1, options.SegmentsPerWindow),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(
            userKey => RateLimitPartition.GetSlidingWindowLimiter(userKey, _ => perUser), StringComparer.Ordinal);
    }

    /// <summary>Counts a question from <paramref name="userKey"/>; false when that user is over the limit.</summary>
    public bool TryAcquire(string userKey) => Check(userKey) == RateLimitVerdict.Allowed;

    /// <summary>Counts a question from <paramref name="userKey"/> and says whether it may be answered, and if not, whether to say so.</summary>
    public RateLimitVerdict Check(string userKey)
    {
        using (var lease = _limiter.AttemptAcquire(userKey))
        {
            if (lease.IsAcquired)
            {
                return RateLimitVerdict.Allowed;
            }
        }

        var now = _time.GetTimestamp();
        var told = false;
        _toldAt.AddOrUpdate(
            userKey,
            _ => { told = true; return now; },
            (_, last) =>
            {
                told = _time.GetElapsedTime(last, now) >= _window;
                return told ? now : last;
            });
        if (told && _toldAt.Count > 1024)
        {
            ForgetOldNotices(now);
        }

        return told ? RateLimitVerdict.RefusedAndTell : RateLimitVerdict.RefusedQuietly;
    }

    private void ForgetOldNotices(long now)
    {
        foreach (var (key, last) in _toldAt)
        {
            if (_time.GetElapsedTime(last, now) >= _window)
            {
                _toldAt.TryRemove(new KeyValuePair<string, long>(key, last));
            }
        }
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>What <see cref="QuestionRateLimiter.Check"/> decided about one question.</summary>
public enum RateLimitVerdict
{
    Allowed,

    /// <summary>Over the limit, and the user has not been told in this window: tell them.</summary>
    RefusedAndTell,

    /// <summary>Over the limit and already told in this window: send nothing.</summary>
    RefusedQuietly,
}
