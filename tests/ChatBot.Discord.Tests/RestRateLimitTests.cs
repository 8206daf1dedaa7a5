using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ChatBot.Discord.Tests.Support.DiscordEvents;

namespace ChatBot.Discord.Tests;

/// <summary>429 handling and secrecy of tokens in REST errors and logs.</summary>
public sealed class RestRateLimitTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rate_limited_message_is_waited_out_and_sent_once(bool global)
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);
        _discord.InjectRateLimit("/messages", retryAfterSeconds: 0.3, global);

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("4001", "cease-fire?"));

        var sent = await _discord.WaitForRequestAsync(r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200);
        var limited = Assert.Single(_discord.Requests, r => r.ResponseStatus == 429);
        Assert.Equal(limited.Body, sent.Body);
        Assert.True(sent.ReceivedAt - limited.ReceivedAt >= TimeSpan.FromMilliseconds(280), $"retried after {(sent.ReceivedAt - limited.ReceivedAt).TotalMilliseconds} ms");
        Assert.Equal(2, _discord.Requests.Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)));
        Assert.Contains(bot.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("rate limited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_bucket_from_headers_delays_the_next_request_until_it_resets()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);
        _discord.ReportEmptyBucket("/messages", resetAfterSeconds: 0.4);

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("4051", "cease-fire one"));
        var first = await _discord.WaitForRequestAsync(r => r.Path.EndsWith("/messages", StringComparison.Ordinal));
        // The fake records a request before it answers; the bot learns the bucket is empty only once it has read that
        // answer (the handler logs the status after recording the headers). Sent earlier, the second message would
        // rightly go out at once, which is what made this test flaky.
        await Eventually.TrueAsync(
            () => bot.Logs.Lines.Any(l => l.Level == LogLevel.Debug && l.Message.Contains("/messages → 200", StringComparison.Ordinal)),
            "the bot to read the first response's rate-limit headers");
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("4052", "cease-fire two"));
        var second = await _discord.WaitForRequestAsync(r => r.Path.EndsWith("/messages", StringComparison.Ordinal), occurrence: 2);

        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromMilliseconds(350), $"second request after {(second.ReceivedAt - first.ReceivedAt).TotalMilliseconds} ms");
        Assert.DoesNotContain(_discord.Requests, r => r.ResponseStatus == 429);
    }

    [Fact]
    public async Task Api_errors_and_logs_never_contain_the_bot_token_or_interaction_tokens()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);
        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("4101", "secret-interaction-token", "cease-fire?"));
        await _discord.WaitForRequestAsync(r => r.Method == "PATCH");

        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            rest.EditOriginalInteractionResponseAsync("nope", "secret-interaction-token", new DiscordMessagePayload("x", null, DiscordAllowedMentions.OnlyRepliedUser), CancellationToken.None));

        // The fake answers unknown paths with 404; the error names the route template only.
        Assert.DoesNotContain("secret-interaction-token", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("/webhooks/{application.id}/{interaction.token}/messages/@original", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(bot.Logs.Lines);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains(FakeDiscord.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains("secret-interaction-token", StringComparison.Ordinal));
    }
}
