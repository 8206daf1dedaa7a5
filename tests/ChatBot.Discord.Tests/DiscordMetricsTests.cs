using System.Diagnostics.Metrics;
using ChatBot.Core.Diagnostics;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ChatBot.Discord.Tests.Support.DiscordEvents;

namespace ChatBot.Discord.Tests;

/// <summary>What the Discord side reports to the metrics and to readiness, against the fake gateway and REST API.</summary>
public sealed class DiscordMetricsTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Questions_rate_limit_waits_reconnects_and_the_connection_state_are_reported()
    {
        var connections = new PlatformConnections();
        connections.Expect(DiscordPlatform.Name);
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), configure: services => services
            .AddMetrics()
            .AddSingleton<ChatBotMetrics>()
            .AddSingleton(connections));
        using var metrics = new MetricRecorder(bot.Host.Services.GetRequiredService<IMeterFactory>());
        await _discord.WaitUntilLiveAsync(1);
        await Eventually.TrueAsync(() => connections.Snapshot().Single().State.IsReady, "Discord to be reported connected after READY");

        _discord.InjectRateLimit("/messages", retryAfterSeconds: 0.05);
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("5001", "cease-fire?"));
        await _discord.WaitForRequestAsync(r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200);
        await Eventually.TrueAsync(() => metrics.Sum("chatbot.questions", ("surface", "discord"), ("outcome", "answered")) == 1, "one answered question on discord");
        Assert.Equal(1, metrics.Sum("chatbot.platform.rate_limit.waits", ("platform", "discord")));
        Assert.Equal(1, metrics.Count("chatbot.answer.duration"));
        Assert.Equal(0, metrics.Sum("chatbot.gateway.reconnects"));

        await _discord.DropAsync();
        await _discord.WaitUntilLiveAsync(2);
        await Eventually.TrueAsync(() => metrics.Sum("chatbot.gateway.reconnects", ("platform", "discord")) == 1, "one gateway reconnect");
        await Eventually.TrueAsync(() => connections.Snapshot().Single().State.IsReady, "Discord connected again after the reconnect");
    }
}
