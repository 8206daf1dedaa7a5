using ChatBot.Core.Conversation;
using ChatBot.Core.Answers;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using ChatBot.Testing;

namespace ChatBot.Telegram.Tests;

/// <summary>The whole path with the real answerer over the five seed articles and the real SQLite state store.</summary>
public sealed class SeedEndToEndTests : IAsyncLifetime
{
    private static readonly User Reader = new(31337, false, "Reader");
    private static readonly Chat ReaderChat = new(Reader.Id, "private");
    private static readonly Chat Group = new(-1009876543210, "supergroup", "Readers");

    private SeedAnswerer _seed = null!;
    private FakeBotApi _api = null!;

    public async Task InitializeAsync()
    {
        _seed = await SeedAnswerer.CreateAsync();
        _api = await FakeBotApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _seed.DisposeAsync();
    }

    private Task<TestBotHost> StartBotAsync() =>
        TestBotHost.StartAsync(_api, _seed.Answerer, _seed.Catalog, _seed.State, settings: new Dictionary<string, string?>
        {
            ["Telegram:RateLimit:QuestionsPerWindow"] = "20",
        });

    [Theory]
    [InlineData("What did Abe urge Putin to do about the cease-fire in Ukraine?", "The Moscow Times, 10 November 2014", "https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157")]
    [InlineData("Why were the mutual visits of Russian and Japanese leaders suspended?", "Sputnik, 21 January 2015", null)]
    [InlineData("What did Putin and Abe discuss in Vladivostok about North Korea's nuclear program?", "RFE/RL, 10 September 2018", null)]
    public async Task Private_question_gets_the_right_article_and_date(string question, string sourceLine, string? url)
    {
        await using var bot = await StartBotAsync();

        var asked = _api.PostText(ReaderChat, Reader, question);
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        var answer = _api.Messages[0];
        Assert.Equal(asked.MessageId, answer.ReplyToMessageId);
        var firstCitation = answer.Text.Split("\n\n")[0];
        Assert.StartsWith("<blockquote>", firstCitation);
        Assert.Contains(TelegramHtmlRenderer.Escape(sourceLine), firstCitation);
        if (url is not null)
        {
            Assert.Contains($"<a href=\"{url}\">", firstCitation);
        }

        await _api.WaitUntilAsync(api => api.PendingUpdates == 0, "the update to be confirmed");
        // Update 1 was handled, so the stored offset (in the SQLite state store) confirms it.
        Assert.Equal("2", await _seed.State.GetAsync(TelegramPollingService.OffsetStateKey));
    }

    [Fact]
    public async Task Off_topic_question_is_declined()
    {
        await using var bot = await StartBotAsync();

        _api.PostText(ReaderChat, Reader, "Who won the 1998 football World Cup final?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.Declined(TelegramSurface.Value)), _api.Messages[0].Text);
    }

    [Fact]
    public async Task Sources_lists_all_five_articles_each_with_a_date()
    {
        await using var bot = await StartBotAsync();

        _api.PostText(Group, Reader, "/sources@ThisBot");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the list");

        var text = _api.Messages[0].Text;
        Assert.Equal(5, text.Split('\n').Count(line => line.Length > 2 && char.IsDigit(line[0]) && line[1] == '.'));
        Assert.Contains("10 November 2014", text);
        Assert.Contains("21 January 2015", text);
        Assert.Contains("10 September 2018", text);
        Assert.Contains("16 December 2016, date inferred from the text", text);
        Assert.Contains("15 November 2015, date inferred from the text", text);
        Assert.DoesNotContain("uncertain", text);
    }

    [Fact]
    public async Task Group_ask_and_inline_query_use_the_real_answerer()
    {
        await using var bot = await StartBotAsync();

        _api.PostText(Group, Reader, "Anyone read about Vladivostok?"); // not for the bot
        _api.PostText(Group, Reader, "/ask@ThisBot What did Abe urge Putin about the Ukraine cease-fire?");
        _api.PostInlineQuery(Reader, "Putin Abe Vladivostok North Korea");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1 && api.InlineAnswers.Count == 1, "both answers");

        Assert.Contains("The Moscow Times, 10 November 2014", Assert.Single(_api.Messages).Text);
        var results = _api.InlineAnswers[0].Results;
        Assert.InRange(results.Count, 1, TelegramUpdateHandler.InlineResultLimit);
        Assert.Contains("RFE/RL, 10 September 2018", results[0].MessageText);
        Assert.All(results, result => Assert.Matches("^<blockquote>[^<]+</blockquote>\n— ", result.MessageText));
    }
}
