using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.RateLimiting;

/// <summary>How many questions one user may ask per window before the bot asks them to slow down.</summary>
public sealed class PerUserRateLimitOptions
{
    [Range(1, 10_000)]
    public int QuestionsPerWindow { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
