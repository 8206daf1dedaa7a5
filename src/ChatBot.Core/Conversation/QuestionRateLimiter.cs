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
public sealed class QuestionRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public QuestionRateLimiter(QuestionRateLimitOptions options)
    {
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
    public bool TryAcquire(string userKey)
    {
        using var lease = _limiter.AttemptAcquire(userKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
