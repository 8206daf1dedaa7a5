using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Tests.Fakes;

namespace ChatBot.Telegram.Tests;

/// <summary>The bot, run as the host runs it, talking to the fake Bot API.</summary>
public sealed class BotConversationTests : IAsyncLifetime
{
    private static readonly User Alice = new(1001, false, "Alice", "alice");
    private static readonly User Bob = new(1002, false, "Bob");
    private static readonly Chat AlicePrivate = new(Alice.Id, "private");
    private static readonly Chat Group = new(-1001234567890, "supergroup", "Japan watchers");

    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task At_start_commands_are_registered_and_the_webhook_is_removed()
    {
        await using var bot = await TestBotHost.StartAsync(_api, new FakeArticles(), new FakeArticles());

        await _api.WaitUntilAsync(api => api.Calls.Contains("getUpdates"), "polling");

        Assert.Equal(["ask", "help", "sources"], Assert.Single(_api.RegisteredCommands));
        Assert.True(_api.Calls.IndexOf("deleteWebhook") < _api.Calls.IndexOf("getUpdates"));
    }

    [Fact]
    public async Task Private_question_is_answered_with_quote_and_citation_as_a_reply_after_typing()
    {
        await using var bot = await TestBotHost.StartAsync(_api, new FakeArticles(), new FakeArticles());
        var question = _api.PostText(AlicePrivate, Alice, "What did Abe urge about the Ukraine cease-fire?");

        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        var answer = Assert.Single(_api.Messages);
        Assert.Equal(AlicePrivate.Id, answer.ChatId);
        Assert.Equal(question.MessageId, answer.ReplyToMessageId);
        Assert.Equal("HTML", answer.ParseMode, ignoreCase: true);
        Assert.True(answer.LinkPreviewDisabled);
        Assert.StartsWith("<blockquote>Japanese Prime Minister Shinzo Abe urged Putin", answer.Text);
        Assert.Contains("<a href=\"https://www.themoscowtimes.com/2014/11/10/abe\">Japan's Abe Urges Putin", answer.Text);
        Assert.Contains("The Moscow Times, 10 November 2014", answer.Text);
        Assert.True(_api.Calls.IndexOf($"sendChatAction:{AlicePrivate.Id}") < _api.Calls.IndexOf($"sendMessage:{AlicePrivate.Id}"));
        Assert.Contains(new SentChatAction(AlicePrivate.Id, "typing"), _api.Actions);
    }

    [Fact]
    public async Task Unanswerable_question_is_declined_without_citing_anything()
    {
        await using var bot = await TestBotHost.StartAsync(_api, new FakeArticles(), new FakeArticles());
        _api.PostText(AlicePrivate, Alice, "Who won the football world cup?");

        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.Declined(TelegramSurface.Value)), _api.Messages[0].Text);
    }

    [Fact]
    public async Task Start_help_and_sources()
    {
        await using var bot = await TestBotHost.StartAsync(_api, new FakeArticles(), new FakeArticles());
        _api.PostText(AlicePrivate, Alice, "/start");
        _api.PostText(AlicePrivate, Alice, "/help");
        _api.PostText(AlicePrivate, Alice, "/sources");

        await _api.WaitUntilAsync(api => api.Messages.Count == 3, "three replies");

        Assert.Contains("always quote", _api.Messages[0].Text);
        Assert.Contains("/ask", _api.Messages[1].Text);
        Assert.Contains("/sources lists the articles", _api.Messages[1].Text);
        Assert.Contains("1. <a href=\"https://www.themoscowtimes.com/2014/11/10/abe\">", _api.Messages[2].Text);
        Assert.Contains("The Moscow Times, 10 November 2014", _api.Messages[2].Text);
        Assert.Contains("RFE/RL, 10 September 2018", _api.Messages[2].Text);
    }

    [Fact]
    public async Task Group_answers_ask_mentions_and_replies_to_the_bot_and_ignores_the_rest()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles);

        _api.PostText(Group, Alice, "Vladivostok was lovely this year"); // chatter: ignored
        _api.PostText(Group, Alice, "/ask@OtherBot what about Vladivostok?"); // another bot's command: ignored
        var ask = _api.PostText(Group, Alice, "/ask What happened in Vladivostok?");
        var askAddressed = _api.PostText(Group, Bob, "/ask@ThisBot Vladivostok North Korea?");
        var mention = _api.PostText(Group, Bob, "🇯🇵 @ThisBot what about the Ukraine cease-fire?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 3, "three group answers");

        var botMessage = _api.AsBotMessage(_api.Messages[0], Group);
        var userMessage = new Message(ask.MessageId, Group, 0, Alice, ask.Text);
        _api.PostText(Group, Bob, "Vladivostok again?", replyTo: userMessage); // reply to a user: ignored
        var replyToBot = _api.PostText(Group, Bob, "And the North Korea program?", replyTo: botMessage);
        await _api.WaitUntilAsync(api => api.Messages.Count == 4, "the answer to the reply");

        Assert.Equal(
            [ask.MessageId, askAddressed.MessageId, mention.MessageId, replyToBot.MessageId],
            _api.Messages.Select(message => message.ReplyToMessageId!.Value).ToArray());
        Assert.Equal(
            ["What happened in Vladivostok?", "Vladivostok North Korea?", "🇯🇵  what about the Ukraine cease-fire?", "And the North Korea program?"],
            articles.Questions);
        Assert.Contains("Moscow Times", _api.Messages[2].Text);
        Assert.Contains("RFE/RL", _api.Messages[3].Text);
    }

    [Fact]
    public async Task Inline_query_returns_up_to_five_quoted_and_cited_articles()
    {
        var passages = Enumerable.Range(0, 8)
            .Select(i => new CitedPassage(FakeArticles.Abe2014 with { Id = $"a{i}", Title = $"Summit <{i}>" }, i, $"Summit passage {i} & more", 0));
        var articles = new FakeArticles(passages);
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles);

        _api.PostInlineQuery(Alice, "summit");
        await _api.WaitUntilAsync(api => api.InlineAnswers.Count == 1, "the inline answer");

        var results = _api.InlineAnswers[0].Results;
        Assert.Equal(5, results.Count);
        Assert.Equal(5, results.Select(result => result.Id).Distinct().Count());
        Assert.All(results, result =>
        {
            Assert.Equal("article", result.Type);
            Assert.Equal("HTML", result.ParseMode, ignoreCase: true);
            Assert.Matches("^<blockquote>Summit passage \\d &amp; more</blockquote>\n— <a href=\"[^\"]+\">Summit &lt;\\d&gt;</a>, The Moscow Times, 10 November 2014$", result.MessageText);
        });
        Assert.Equal("Summit <0>", results[0].Title);
    }

    [Fact]
    public async Task Hostile_article_and_question_text_reaches_telegram_escaped()
    {
        var hostile = FakeArticles.Abe2014 with { Title = "</a><b>Fake</b> & \"news\"", Publisher = "<i>Pub</i>", Url = "https://e.com/?a=1&b=\"<x>" };
        var articles = new FakeArticles([new CitedPassage(hostile, 0, "Sanctions <b>suspended</b> visits & </a> talks", 0)]);
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles);

        _api.PostText(AlicePrivate, Alice, "Why were sanctions <b>applied</b> & </a>?");
        _api.PostText(AlicePrivate, Alice, "/sources");
        await _api.WaitUntilAsync(api => api.Messages.Count == 2, "both replies (the fake rejects unparseable HTML)");

        var answer = _api.Messages[0].Text;
        Assert.Contains("<blockquote>Sanctions &lt;b&gt;suspended&lt;/b&gt; visits &amp; &lt;/a&gt; talks</blockquote>", answer);
        Assert.Contains("<a href=\"https://e.com/?a=1&amp;b=&quot;&lt;x&gt;\">&lt;/a&gt;&lt;b&gt;Fake&lt;/b&gt; &amp; &quot;news&quot;</a>", answer);
        Assert.Contains("&lt;i&gt;Pub&lt;/i&gt;", _api.Messages[1].Text);
    }

    [Fact]
    public async Task Long_answer_is_sent_as_several_messages_split_between_passages()
    {
        var passages = Enumerable.Range(0, 6)
            .Select(i => new CitedPassage(FakeArticles.Abe2014, i, $"Treaty {i}: " + string.Join(' ', Enumerable.Repeat("peace treaty talks", 60)), 0));
        var articles = new FakeArticles(passages);
        await using var bot = await TestBotHost.StartAsync(_api, new LargeAnswerer(articles), articles);

        var question = _api.PostText(AlicePrivate, Alice, "peace treaty talks?");
        await _api.WaitUntilAsync(api => api.Messages.Count >= 2 && api.PendingUpdates == 0, "a split answer");
        await _api.WaitUntilAsync(api => api.Messages.Sum(m => m.Text.Split("<blockquote>").Length - 1) == 6, "all six passages");

        Assert.All(_api.Messages, message => Assert.True(message.Text.Length <= 4096));
        Assert.Equal(question.MessageId, _api.Messages[0].ReplyToMessageId);
        Assert.All(_api.Messages.Skip(1), message => Assert.Null(message.ReplyToMessageId));
        Assert.All(_api.Messages, message => Assert.EndsWith("10 November 2014", message.Text));
    }

    [Fact]
    public async Task Too_many_questions_get_a_polite_slow_down()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:RateLimit:QuestionsPerWindow"] = "2",
            ["Telegram:RateLimit:Window"] = "01:00:00",
        });

        for (var i = 0; i < 3; i++)
        {
            _api.PostText(AlicePrivate, Alice, "Abe and Putin in Beijing?");
        }

        _api.PostText(new Chat(Bob.Id, "private"), Bob, "Abe and Putin in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 4, "four replies");

        Assert.Equal(3, articles.Questions.Count); // two from Alice, one from Bob: the third of Alice's never reached the answerer
        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.SlowDown), _api.MessagesTo(Alice.Id)[2].Text);
        Assert.Contains("<blockquote>", Assert.Single(_api.MessagesTo(Bob.Id)).Text);
    }

    [Fact]
    public async Task A_flood_of_300_messages_from_one_user_gets_one_slow_down_notice_and_other_users_are_untouched()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:RateLimit:QuestionsPerWindow"] = "5",
            ["Telegram:RateLimit:Window"] = "01:00:00",
        });

        for (var i = 0; i < 300; i++)
        {
            _api.PostText(AlicePrivate, Alice, $"Abe and Putin in Beijing? #{i}");
        }

        _api.PostText(new Chat(Bob.Id, "private"), Bob, "Abe and Putin in Beijing?");
        _api.PostText(AlicePrivate, Alice, "/help"); // a chat's updates run in order: its reply comes after all 300
        await _api.WaitUntilAsync(api => api.MessagesTo(Alice.Id).Any(m => m.Text.Contains("/sources", StringComparison.Ordinal)) && api.MessagesTo(Bob.Id).Count == 1, "the help reply and Bob's answer");

        var toAlice = _api.MessagesTo(Alice.Id);
        Assert.Equal(5, toAlice.Count(m => m.Text.Contains("<blockquote>", StringComparison.Ordinal)));
        Assert.Equal(1, toAlice.Count(m => m.Text == TelegramHtmlRenderer.Escape(ConversationTexts.SlowDown)));
        Assert.Equal(5 + 1 + 1, toAlice.Count);
        Assert.Contains("<blockquote>", Assert.Single(_api.MessagesTo(Bob.Id)).Text);
        Assert.Equal(6, articles.Questions.Count);
    }

    [Fact]
    public async Task A_question_over_the_length_limit_gets_one_clear_reply_and_is_not_searched()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Questions:MaxLength"] = "100",
        });

        _api.PostText(AlicePrivate, Alice, "Abe " + new string('x', 200));
        _api.PostText(AlicePrivate, Alice, "Abe and Putin in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 2, "both replies");

        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.TooLong(204, 100)), _api.Messages[0].Text);
        Assert.Equal(["Abe and Putin in Beijing?"], articles.Questions);
    }

    [Fact]
    public async Task Chats_outside_the_allowlist_are_ignored()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:AllowedChatIds:0"] = Group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        _api.PostText(AlicePrivate, Alice, "Abe in Beijing?");
        _api.PostText(Group, Alice, "/ask Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1 && api.PendingUpdates == 0, "the group answer");

        Assert.Equal(Group.Id, Assert.Single(_api.Messages).ChatId);
        Assert.Single(articles.Questions);
    }

    /// <summary>Cites every passage it has, to force a long answer.</summary>
    private sealed class LargeAnswerer(FakeArticles articles) : ChatBot.Core.Answers.IQuestionAnswerer
    {
        public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default) =>
            articles.AnswerAsync(question, 10, cancellationToken);
    }
}
