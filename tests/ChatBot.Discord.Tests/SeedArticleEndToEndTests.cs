using ChatBot.Discord.Bot;
using ChatBot.Core.Conversation;
using ChatBot.Core.Answers;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using static ChatBot.Discord.Tests.Support.DiscordEvents;

namespace ChatBot.Discord.Tests;

/// <summary>The real answerer over the five seed articles in SQLite, shared by the tests of this class.</summary>
public sealed class SeedAnswererFixture : IAsyncLifetime
{
    public SeedAnswerer Seeds { get; private set; } = null!;

    public async Task InitializeAsync() => Seeds = await SeedAnswerer.CreateAsync();

    public async Task DisposeAsync() => await Seeds.DisposeAsync();
}

/// <summary>End to end: a question arrives through the fake gateway, the real answerer searches the seeds, and the reply cites the right article and date.</summary>
public sealed class SeedArticleEndToEndTests(SeedAnswererFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SeedAnswererFixture>, IAsyncLifetime
{
    private const string CeaseFireTitle = "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds";
    private FakeDiscord _discord = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _bot = await BotUnderTest.StartAsync(_discord, fixture.Seeds.Answerer, catalog: fixture.Seeds.Catalog);
        await _discord.WaitUntilLiveAsync(1);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private static bool IsMessagePost(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200;

    private static System.Text.Json.JsonElement FirstEmbed(RecordedRequest request) => request.Json.GetProperty("embeds")[0];

    [Fact]
    public async Task Mention_gets_the_cease_fire_article_with_its_date()
    {
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("5001", "What did Abe urge Putin to do about the cease-fire in Ukraine?"));

        var embed = FirstEmbed(await _discord.WaitForRequestAsync(IsMessagePost));
        Assert.Equal(CeaseFireTitle, embed.GetProperty("title").GetString());
        Assert.Equal("https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157", embed.GetProperty("url").GetString());
        Assert.Contains("The Moscow Times, 10 November 2014", embed.GetProperty("fields")[0].GetProperty("value").GetString());
        Assert.Equal("Article date: 10 November 2014", embed.GetProperty("footer").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Direct_message_gets_the_sanctions_article_with_its_date()
    {
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("5002", "Why were mutual visits of Russian and Japanese leaders suspended?"));

        var embed = FirstEmbed(await _discord.WaitForRequestAsync(IsMessagePost));
        Assert.Equal("Mutual Visits of Russian, Japanese Leaders Suspended Over Tokyo’s Sanctions", embed.GetProperty("title").GetString());
        Assert.Contains("Sputnik, 21 January 2015", embed.GetProperty("fields")[0].GetProperty("value").GetString());
        Assert.Equal("Article date: 21 January 2015", embed.GetProperty("footer").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Reply_gets_the_North_Korea_article_with_its_date()
    {
        await _discord.DispatchAsync("MESSAGE_CREATE", ReplyToBot("5003", "What did Putin and Abe pledge about North Korea's nuclear program in Vladivostok?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal("5003", post.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        var embed = FirstEmbed(post);
        Assert.Equal("Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea", embed.GetProperty("title").GetString());
        Assert.Equal("Article date: 10 September 2018", embed.GetProperty("footer").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Ask_command_gets_the_cease_fire_article_with_its_date()
    {
        await _discord.DispatchAsync("INTERACTION_CREATE", Ask("5004", "e2e-token", "Which cease-fire did Abe ask Putin to make hold?"));

        var edit = await _discord.WaitForRequestAsync(r => r.Method == "PATCH");
        var embed = FirstEmbed(edit);
        Assert.Equal(CeaseFireTitle, embed.GetProperty("title").GetString());
        Assert.Equal("Article date: 10 November 2014", embed.GetProperty("footer").GetProperty("text").GetString());
        Assert.Contains(_discord.Requests, r => r.Path == "/interactions/5004/e2e-token/callback" && r.Json.GetProperty("type").GetInt32() == 5);
    }

    [Fact]
    public async Task Inferred_date_is_shown_with_the_qualifier()
    {
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("5005", "What did Putin and Abe discuss in Nagato about the Kuril islands and a peace treaty?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        output.WriteLine(post.Body);
        var embed = FirstEmbed(post);
        Assert.Equal("Putin and Abe Hold Second Round of Talks in Japan", embed.GetProperty("title").GetString());
        Assert.Equal("Article date: 16 December 2016, date inferred from the text", embed.GetProperty("footer").GetProperty("text").GetString());
        Assert.False(embed.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Unrelated_question_is_declined_in_plain_text()
    {
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("5006", "What is the best recipe for banana bread?"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Equal(ConversationTexts.Declined(DiscordSurface.Value), post.Json.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Everyone_in_a_real_question_never_pings()
    {
        await _discord.DispatchAsync("MESSAGE_CREATE", GuildMention("5007", "@everyone what did Abe urge Putin about the Ukraine cease-fire? <@&1234>"));

        var post = await _discord.WaitForRequestAsync(IsMessagePost);
        Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Equal(CeaseFireTitle, FirstEmbed(post).GetProperty("title").GetString());
    }
}
