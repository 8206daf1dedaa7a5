using ChatBot.Discord.Bot;
using System.Text.Json;
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using static ChatBot.Discord.Tests.Support.DiscordEvents;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

/// <summary>Which messages the bot answers, and what the reply looks like on the wire.</summary>
public sealed class MessageAnsweringTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    private static bool IsMessagePost(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200;

    private async Task<BotUnderTest> StartReadyBotAsync(IDictionary<string, string?>? settings = null)
    {
        var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), settings);
        await _discord.WaitUntilLiveAsync(1);
        await Eventually.TrueAsync(() => bot.Host.Services.GetService(typeof(Bot.DiscordEventHandler)) is Bot.DiscordEventHandler { Identity: not null });
        return bot;
    }

    [Fact]
    public async Task Mention_is_answered_with_a_cited_embed_replying_to_the_question()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1001", "What did Abe say about the cease-fire?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal($"/channels/{ChannelId}/messages", post.Path);
        var body = post.Json;
        Assert.Equal("1001", body.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Empty(body.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        var embed = Assert.Single(body.GetProperty("embeds").EnumerateArray());
        Assert.Equal(StubAnswerer.CeaseFireArticle.Title, embed.GetProperty("title").GetString());
        Assert.Equal(StubAnswerer.CeaseFireArticle.Url, embed.GetProperty("url").GetString());
        Assert.Contains("shaky cease-fire", embed.GetProperty("description").GetString());
        var source = Assert.Single(embed.GetProperty("fields").EnumerateArray()).GetProperty("value").GetString();
        Assert.Contains("The Moscow Times, 10 November 2014", source);
        Assert.Contains(StubAnswerer.CeaseFireArticle.Url!, source);
        Assert.Contains("10 November 2014", embed.GetProperty("footer").GetProperty("text").GetString());

        // The bot's mention is removed from the question before searching.
        Assert.Equal("What did Abe say about the cease-fire?", Assert.Single(bot.Answerer.Questions));

        // Typing was shown in the same channel before the answer was posted.
        var typing = Assert.Single(_discord.Requests, r => r.Path == $"/channels/{ChannelId}/typing");
        Assert.True(typing.Index < post.Index);
    }

    [Fact]
    public async Task Direct_message_is_answered_without_a_mention()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1002", "tell me about the cease-fire"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal($"/channels/{DmChannelId}/messages", post.Path);
        Assert.Equal(StubAnswerer.CeaseFireArticle.Title, post.Json.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Reply_to_one_of_the_bots_messages_is_answered()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", ReplyToBot("1003", "and the cease-fire?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal("1003", post.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Equal("and the cease-fire?", Assert.Single(bot.Answerer.Questions));
    }

    [Fact]
    public async Task Bots_itself_and_unaddressed_messages_are_ignored()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMessage("1101", "cease-fire chat not addressed to the bot"));
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMessage("1102", $"<@{FakeDiscord.BotUserId}> cease-fire?", userId: "999", bot: true));
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1103", "cease-fire from myself", userId: FakeDiscord.BotUserId));
        // A marker that is answered proves the events above were processed, not merely still queued.
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1104", "marker cease-fire"));

        await _discord.WaitForRequestAsync(r => IsMessagePost(r) && r.Body.Contains("1104", StringComparison.Ordinal));
        Assert.Equal(["marker cease-fire"], bot.Answerer.Questions);
        Assert.Single(_discord.Requests, IsMessagePost);
    }

    [Fact]
    public async Task A_malformed_event_is_skipped_and_the_bot_keeps_answering()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", new { id = "1191", channel_id = DmChannelId, author = 5, content = "cease-fire?" });
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1192", "cease-fire after a bad event"));

        await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal(["cease-fire after a bad event"], bot.Answerer.Questions);
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("could not be read", StringComparison.Ordinal));
        Assert.Equal(1, _discord.ConnectionCount);
    }

    [Fact]
    public async Task Declined_question_gets_the_plain_decline_text()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1201", "what is the weather on Mars?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal(ConversationTexts.Declined(DiscordSurface.Value), post.Json.GetProperty("content").GetString());
        Assert.False(post.Json.TryGetProperty("embeds", out _));
        Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task Everyone_in_question_or_passage_never_pings()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1301", "@everyone what did they tell everyone?"));
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1302", "@here what about Mars?"));

        await _discord.WaitForRequestAsync(IsMessagePost, occurrence: 2);
        foreach (var post in _discord.Requests.Where(IsMessagePost))
        {
            var mentions = post.Json.GetProperty("allowed_mentions");
            Assert.Empty(mentions.GetProperty("parse").EnumerateArray());
            Assert.False(mentions.TryGetProperty("users", out _));
            Assert.False(mentions.TryGetProperty("roles", out _));
        }

        var quoted = _discord.Requests.Where(IsMessagePost).Single(p => p.Body.Contains("1301", StringComparison.Ordinal));
        Assert.Contains("@everyone", quoted.Json.GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Contains("date unknown", quoted.Json.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString());
        Assert.False(quoted.Json.GetProperty("embeds")[0].TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Per_user_rate_limit_answers_politely()
    {
        await using var bot = await StartReadyBotAsync(new Dictionary<string, string?> { ["Discord:RateLimit:QuestionsPerWindow"] = "1" });

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1401", "cease-fire?"));
        await _discord.WaitForRequestAsync(IsMessagePost);
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1402", "cease-fire again?"));

        var second = await _discord.WaitForRequestAsync(IsMessagePost, occurrence: 2);
        Assert.Equal(ConversationTexts.SlowDown, second.Json.GetProperty("content").GetString());
        Assert.Equal("1402", second.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Single(bot.Answerer.Questions);
    }

    [Fact]
    public async Task A_flood_from_one_user_gets_one_slow_down_notice_and_no_other_reply()
    {
        await using var bot = await StartReadyBotAsync(new Dictionary<string, string?> { ["Discord:RateLimit:QuestionsPerWindow"] = "1" });

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1601", "cease-fire?"));
        await _discord.WaitForRequestAsync(IsMessagePost);
        for (var i = 0; i < 30; i++)
        {
            await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention($"17{i:00}", "cease-fire again?"));
        }

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1801", "cease-fire from someone else?", userId: "555000000000000555"));
        await _discord.WaitForRequestAsync(r => IsMessagePost(r) && r.Body.Contains("1801", StringComparison.Ordinal));
        await bot.Host.Services.GetRequiredService<DiscordEventHandler>().WhenIdleAsync();

        var posts = _discord.Requests.Where(IsMessagePost).ToList();
        Assert.Equal(3, posts.Count);
        Assert.Single(posts, p => p.Json.TryGetProperty("content", out var c) && c.GetString() == ConversationTexts.SlowDown);
        Assert.Equal(2, bot.Answerer.Questions.Count);
    }

    [Fact]
    public async Task Guild_allowlist_ignores_other_guilds_but_not_DMs()
    {
        await using var bot = await StartReadyBotAsync(new Dictionary<string, string?> { ["Discord:AllowedGuildIds:0"] = "777000000000000777" });

        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("1501", "cease-fire in a guild not on the list"));
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1502", "cease-fire in a DM"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal($"/channels/{DmChannelId}/messages", post.Path);
        Assert.Equal(["cease-fire in a DM"], bot.Answerer.Questions);
        Assert.Single(_discord.Requests, IsMessagePost);
    }

    [Fact]
    public async Task Rest_requests_carry_bot_authorization_and_user_agent()
    {
        await using var bot = await StartReadyBotAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1601", "cease-fire"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal("Bot " + FakeDiscord.Token, post.Authorization);
        Assert.StartsWith("DiscordBot (", post.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_answerer_gets_an_apology_instead_of_silence()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new ThrowingAnswerer());
        await _discord.WaitUntilLiveAsync(1);

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("1701", "cease-fire?"));
        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("1702", "tok", "cease-fire?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal(ConversationTexts.Failed, post.Json.GetProperty("content").GetString());
        var edit = await _discord.WaitForRequestAsync(r => r.Method == "PATCH");
        Assert.Equal(ConversationTexts.Failed, edit.Json.GetProperty("content").GetString());
    }

    private sealed class ThrowingAnswerer : IQuestionAnswerer
    {
        public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("database is locked");
    }
}
