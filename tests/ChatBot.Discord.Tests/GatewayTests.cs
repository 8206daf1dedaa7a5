using System.Text.Json;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static ChatBot.Discord.Tests.Support.DiscordEvents;

namespace ChatBot.Discord.Tests;

/// <summary>Connection lifecycle against the fake gateway: identify, heartbeats, resume, reconnect, close codes.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    private static bool IsMessagePost(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200;

    [Fact]
    public async Task Identifies_with_token_intents_and_properties_then_heartbeats_with_the_last_sequence()
    {
        _discord.HeartbeatIntervalMs = 150;
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());

        var identify = await _discord.WaitForFrameAsync(f => f.Op == 2);
        Assert.Equal(FakeDiscord.Token, identify.Data.GetProperty("token").GetString());
        Assert.Equal(1 | 512 | 4096, identify.Data.GetProperty("intents").GetInt32());
        var properties = identify.Data.GetProperty("properties");
        Assert.All(["os", "browser", "device"], p => Assert.False(string.IsNullOrEmpty(properties.GetProperty(p).GetString())));
        Assert.Equal("/gateway?v=10&encoding=json", Assert.Single(_discord.ConnectQueries));

        await _discord.WaitUntilLiveAsync(1);
        var seq = await _discord.DispatchAsync("MESSAGE_CREATE", GuildMessage("2001", "not for the bot"));
        var beat = await _discord.WaitForFrameAsync(f => f.Op == 1 && f.Data.ValueKind == JsonValueKind.Number && f.Data.GetInt32() == seq);
    }

    [Fact]
    public async Task Message_content_intent_is_requested_only_when_configured()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), new Dictionary<string, string?> { ["Discord:MessageContentIntent"] = "true" });

        var identify = await _discord.WaitForFrameAsync(f => f.Op == 2);
        Assert.Equal(1 | 512 | 4096 | 32768, identify.Data.GetProperty("intents").GetInt32());
    }

    [Fact]
    public async Task Resume_after_a_drop_replays_missed_events_without_answering_anything_twice()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("2101", "first cease-fire question"));
        await _discord.WaitForRequestAsync(IsMessagePost);
        var lastSeen = await _discord.DispatchAsync("MESSAGE_CREATE", GuildMessage("2102", "chatter the bot ignores"));
        await _discord.WaitForFrameAsync(f => f.Op == 1 && f.Data.ValueKind == JsonValueKind.Number && f.Data.GetInt32() == lastSeen);

        await _discord.DropAsync();
        // Sent while the client is away: only a Resume can deliver it.
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("2103", "second cease-fire question"));

        var resume = await _discord.WaitForFrameAsync(f => f.Op == 6);
        Assert.Equal("/resume", resume.Endpoint);
        Assert.Equal("session-1", resume.Data.GetProperty("session_id").GetString());
        Assert.Equal(lastSeen, resume.Data.GetProperty("seq").GetInt32());
        Assert.Equal(FakeDiscord.Token, resume.Data.GetProperty("token").GetString());
        Assert.DoesNotContain(_discord.Frames, f => f.Op == 2 && f.Connection > 1);

        await _discord.WaitForRequestAsync(IsMessagePost, occurrence: 2);
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("2104", "marker cease-fire"));
        await _discord.WaitForRequestAsync(IsMessagePost, occurrence: 3);

        Assert.Equal(["first cease-fire question", "second cease-fire question", "marker cease-fire"], bot.Answerer.Questions);
        var repliedTo = _discord.Requests.Where(IsMessagePost).Select(p => p.Json.GetProperty("message_reference").GetProperty("message_id").GetString()).ToList();
        Assert.Equal(["2101", "2103", "2104"], repliedTo);
    }

    [Fact]
    public async Task Events_delivered_again_on_resume_are_not_answered_twice()
    {
        _discord.ResumeReplayOverlap = 2;
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("2151", "cease-fire one"));
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("2152", "cease-fire two"));
        await _discord.WaitForRequestAsync(IsMessagePost, occurrence: 2);

        await _discord.SendReconnectAsync();
        await _discord.WaitUntilLiveAsync(2);
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("2153", "marker cease-fire"));
        await _discord.WaitForRequestAsync(IsMessagePost, occurrence: 3);

        // The first two are answered concurrently, so their order is not fixed.
        Assert.Equal(["cease-fire one", "cease-fire two", "marker cease-fire"], bot.Answerer.Questions.Order(StringComparer.Ordinal));
        Assert.Equal(3, _discord.Requests.Count(IsMessagePost));
    }

    [Fact]
    public async Task Missing_heartbeat_ack_is_detected_as_a_zombie_and_resumed()
    {
        _discord.HeartbeatIntervalMs = 100;
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        _discord.AckHeartbeats = false;
        var resume = await _discord.WaitForFrameAsync(f => f.Op == 6);
        _discord.AckHeartbeats = true;

        Assert.True(resume.Connection >= 2);
        Assert.Equal("/resume", resume.Endpoint);
        Assert.Contains(bot.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("heartbeat ACK", StringComparison.Ordinal));

        // Still works afterwards.
        await _discord.WaitUntilLiveAsync(resume.Connection);
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("2201", "cease-fire after zombie"));
        await _discord.WaitForRequestAsync(IsMessagePost);
    }

    [Fact]
    public async Task Reconnect_request_op7_resumes_on_the_resume_url()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.SendReconnectAsync();

        var resume = await _discord.WaitForFrameAsync(f => f.Op == 6);
        Assert.Equal(2, resume.Connection);
        Assert.Equal("/resume", resume.Endpoint);
        Assert.Equal("/resume?v=10&encoding=json", _discord.ConnectQueries.Last());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Invalid_session_op9_resumes_or_identifies_afresh(bool resumable)
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.SendInvalidSessionAsync(resumable);

        var next = await _discord.WaitForFrameAsync(f => f.Connection == 2 && f.Op is 2 or 6);
        Assert.Equal(resumable ? 6 : 2, next.Op);
        Assert.Equal(resumable ? "/resume" : "/gateway", next.Endpoint);
        await _discord.WaitUntilLiveAsync(2);
    }

    [Theory]
    [InlineData(4000, 6)]
    [InlineData(4009, 2)]
    public async Task Close_codes_resume_or_identify_afresh(int closeCode, int expectedOp)
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.CloseAsync(closeCode);

        var next = await _discord.WaitForFrameAsync(f => f.Connection == 2 && f.Op is 2 or 6);
        Assert.Equal(expectedOp, next.Op);
    }

    [Theory]
    [InlineData(4004, "Discord:Token")]
    [InlineData(4014, "Discord:MessageContentIntent")]
    public async Task Fatal_close_stops_the_Discord_side_with_one_clear_error_and_the_host_keeps_running(int closeCode, string advice)
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.CloseAsync(closeCode);

        await Eventually.TrueAsync(() => bot.Service.ExecuteTask is { IsCompleted: true });
        Assert.True(bot.Service.ExecuteTask!.IsCompletedSuccessfully);
        var error = Assert.Single(bot.Logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains(closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDiscord.Token, error.Message, StringComparison.Ordinal);
        Assert.False(bot.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(1, _discord.ConnectionCount);
    }

    [Fact]
    public async Task Wrong_token_stops_cleanly_without_leaking_the_token()
    {
        const string wrongToken = "wrong.token_Qq7";
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), token: wrongToken);

        await Eventually.TrueAsync(() => bot.Service.ExecuteTask is { IsCompleted: true });
        var error = Assert.Single(bot.Logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains(wrongToken, StringComparison.Ordinal));
        Assert.False(bot.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(0, _discord.ConnectionCount);
    }

    [Fact]
    public async Task Outgoing_gateway_events_stay_within_the_send_limit()
    {
        // A 50 ms heartbeat would send 12 frames per 600 ms; the configured limit allows 3.
        _discord.HeartbeatIntervalMs = 50;
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), new Dictionary<string, string?>
        {
            ["Discord:GatewaySendLimit"] = "3",
            ["Discord:GatewaySendWindow"] = "00:00:00.600",
        });

        // The limit is per connection; look at the first connection that sent six frames.
        var frames = await Eventually.ValueAsync(() => _discord.Frames.GroupBy(f => f.Connection).FirstOrDefault(g => g.Count() >= 6)?.ToList());

        for (var i = 3; i < 6; i++)
        {
            // Any four consecutive frames span at least the window (allowance for delivery jitter).
            var span = frames[i].ReceivedAt - frames[i - 3].ReceivedAt;
            Assert.True(span >= TimeSpan.FromMilliseconds(500), $"frames {i - 3}..{i} of one connection within {span.TotalMilliseconds} ms");
        }
    }
}
