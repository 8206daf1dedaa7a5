using ChatBot.Core.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests;

public sealed class PerUserRateLimiterTests
{
    [Fact]
    public void Allows_the_configured_number_per_window_then_refuses_until_the_window_slides()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var limiter = new PerUserRateLimiter(new PerUserRateLimitOptions { QuestionsPerWindow = 3, Window = TimeSpan.FromMinutes(1) }, clock);

        Assert.True(limiter.TryAcquire("u"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.TryAcquire("u"));
        Assert.True(limiter.TryAcquire("u"));
        Assert.False(limiter.TryAcquire("u"));
        Assert.True(limiter.TryAcquire("someone else"));

        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(limiter.TryAcquire("u"));
        Assert.False(limiter.TryAcquire("u"));
    }
}
