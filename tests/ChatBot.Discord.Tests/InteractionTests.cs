using ChatBot.Core.Conversation;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using static ChatBot.Discord.Tests.Support.DiscordEvents;

namespace ChatBot.Discord.Tests;

/// <summary>The /ask slash command: registration at start, deferred acknowledgement, then the edited reply.</summary>
public sealed class InteractionTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Ask_sources_and_help_are_registered_to_the_configured_guild()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), new Dictionary<string, string?> { ["Discord:GuildId"] = GuildId });

        var put = await _discord.WaitForRequestAsync(r => r.Method == "PUT");
        Assert.Equal($"/applications/{FakeDiscord.ApplicationId}/guilds/{GuildId}/commands", put.Path);
        var commands = put.Json.EnumerateArray().ToList();
        Assert.Equal(["ask", "sources", "help"], commands.Select(c => c.GetProperty("name").GetString()));
        Assert.All(commands, c => Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 100));
        var command = commands[0];
        Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 100);
        var option = Assert.Single(command.GetProperty("options").EnumerateArray());
        Assert.Equal("question", option.GetProperty("name").GetString());
        Assert.Equal(3, option.GetProperty("type").GetInt32());
        Assert.True(option.GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task Ask_is_registered_globally_without_a_guild()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());

        var put = await _discord.WaitForRequestAsync(r => r.Method == "PUT");
        Assert.Equal($"/applications/{FakeDiscord.ApplicationId}/commands", put.Path);
    }

    [Fact]
    public async Task Ask_is_deferred_then_answered_by_editing_the_original_response()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("3001", "interaction-token-abc", "What about the cease-fire?"));

        var callback = await _discord.WaitForRequestAsync(r => r.Path == "/interactions/3001/interaction-token-abc/callback");
        Assert.Equal(5, callback.Json.GetProperty("type").GetInt32());
        var edit = await _discord.WaitForRequestAsync(r => r.Method == "PATCH");
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/interaction-token-abc/messages/@original", edit.Path);
        Assert.True(callback.Index < edit.Index);
        var embed = edit.Json.GetProperty("embeds")[0];
        Assert.Equal(StubAnswerer.CeaseFireArticle.Title, embed.GetProperty("title").GetString());
        Assert.Contains("10 November 2014", embed.GetProperty("footer").GetProperty("text").GetString());
        Assert.Empty(edit.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Equal(["What about the cease-fire?"], bot.Answerer.Questions);
    }

    [Fact]
    public async Task Ask_in_a_DM_uses_the_user_field()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("3101", "dm-token", "cease-fire?", guildId: null));

        await _discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains("dm-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_over_the_user_limit_gets_an_immediate_ephemeral_notice()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), new Dictionary<string, string?> { ["Discord:RateLimit:QuestionsPerWindow"] = "1" });
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("3201", "t1", "cease-fire?"));
        await _discord.WaitForRequestAsync(r => r.Method == "PATCH");
        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("3202", "t2", "cease-fire again?"));

        var notice = await _discord.WaitForRequestAsync(r => r.Path == "/interactions/3202/t2/callback");
        Assert.Equal(4, notice.Json.GetProperty("type").GetInt32());
        Assert.Equal(ConversationTexts.SlowDown, notice.Json.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(64, notice.Json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Single(bot.Answerer.Questions);
    }
}
