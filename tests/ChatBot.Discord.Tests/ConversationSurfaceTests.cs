using System.Text.Json;
using ChatBot.Core.Conversation;
using ChatBot.Discord.Bot;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using Xunit.Abstractions;
using static ChatBot.Discord.Tests.Support.DiscordEvents;

namespace ChatBot.Discord.Tests;

/// <summary>/sources and /help beside /ask, replies that name Discord's commands, inferred dates, and a clean close.</summary>
public sealed class ConversationSurfaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    private static bool IsMessagePost(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200;

    [Fact]
    public async Task Sources_slash_command_lists_every_article_with_its_date()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("INTERACTION_CREATE", Command("3301", "src-token", "sources"));

        var reply = await _discord.WaitForRequestAsync(r => r.Path == "/interactions/3301/src-token/callback");
        Assert.Equal(4, reply.Json.GetProperty("type").GetInt32());
        var content = reply.Json.GetProperty("data").GetProperty("content").GetString()!;
        Assert.Contains("1. **Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds** — The Moscow Times, 10 November 2014 — <https://", content);
        Assert.Contains("Sputnik, 15 November 2015, date inferred from the text", content);
        Assert.Contains("Example Wire, date unknown", content);
        Assert.Empty(bot.Answerer.Questions);
    }

    [Fact]
    public async Task Help_slash_command_explains_how_to_ask_on_discord()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("INTERACTION_CREATE", Command("3401", "help-token", "help"));

        var reply = await _discord.WaitForRequestAsync(r => r.Path == "/interactions/3401/help-token/callback");
        var content = reply.Json.GetProperty("data").GetProperty("content").GetString()!;
        Assert.Equal(ConversationTexts.Help(DiscordSurface.Value), content);
        Assert.Contains("/ask", content);
        Assert.Contains("/sources lists the articles", content);
    }

    [Fact]
    public async Task A_decline_names_the_sources_command_that_exists_on_discord()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("3501", "Who won the football world cup?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.EndsWith("list them with /sources.", post.Json.GetProperty("content").GetString());
    }

    [Fact]
    public async Task An_inferred_date_is_cited_with_its_day_and_qualifier_and_no_timestamp()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("3601", "When did Putin and Abe meet in Antalya?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        output.WriteLine(post.Body);
        var embed = post.Json.GetProperty("embeds")[0];
        Assert.Equal("Article date: 15 November 2015, date inferred from the text", embed.GetProperty("footer").GetProperty("text").GetString());
        Assert.Contains("Sputnik, 15 November 2015, date inferred from the text", embed.GetProperty("fields")[0].GetProperty("value").GetString());
        Assert.False(embed.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Shutdown_closes_the_gateway_with_1000()
    {
        var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await bot.Host.StopAsync(CancellationToken.None);
        bot.Host.Dispose();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_discord.ClientCloseCodes.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal([1000], _discord.ClientCloseCodes);
        Assert.Contains(bot.Logs.Lines, e => e.Message.Contains("closed with 1000", StringComparison.Ordinal));
    }
}
