using ChatBot.Core.Conversation;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Tests;

/// <summary>Chats side by side, update ids that go backwards, idle polls, optional calls, failures while answering.</summary>
public sealed class DispatchAndPollingTests : IAsyncLifetime
{
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static (User User, Chat Chat) PrivateUser(int n) =>
        (new User(7000 + n, false, $"User{n}"), new Chat(7000 + n, "private"));

    [Fact]
    public async Task A_30_second_flood_wait_in_one_chat_delays_only_that_chat_and_keeps_its_order()
    {
        var delay = new GatedRetryDelay(TimeSpan.FromSeconds(30));
        var (alice, aliceChat) = PrivateUser(1);
        var (bob, bobChat) = PrivateUser(2);
        _api.InjectFailure($"sendMessage:{aliceChat.Id}", new InjectedFailure(429, "Too Many Requests: retry after 30", RetryAfter: 30));
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, delay: delay);

        _api.PostText(aliceChat, alice, "Abe in Beijing, first?");
        _api.PostText(aliceChat, alice, "Vladivostok, second?");
        await delay.LongWaitStarted.WaitAsync(TimeSpan.FromSeconds(15));
        _api.PostText(bobChat, bob, "Abe in Beijing?");

        // Bob is answered while Alice's chat is still waiting out its 30 seconds.
        await _api.WaitUntilAsync(api => api.MessagesTo(bobChat.Id).Count == 1, "Bob's answer during Alice's flood wait");
        Assert.Empty(_api.MessagesTo(aliceChat.Id));
        Assert.Contains(TimeSpan.FromSeconds(30), delay.Requested);

        delay.Open();
        await _api.WaitUntilAsync(api => api.MessagesTo(aliceChat.Id).Count == 2, "Alice's two answers");

        var toAlice = _api.MessagesTo(aliceChat.Id);
        Assert.Contains("Moscow Times", toAlice[0].Text); // first question first
        Assert.Contains("RFE/RL", toAlice[1].Text);
        Assert.Single(_api.MessagesTo(bobChat.Id));
    }

    [Fact]
    public async Task Update_ids_that_go_backwards_are_followed_not_ignored()
    {
        var logs = new CapturingLoggerProvider();
        var state = new InMemoryBotStateStore();
        await state.SetAsync(TelegramOffsetStore.OffsetKey, "900000");
        _api.NextUpdateId = 42; // Telegram re-randomised the ids after a week without updates
        var (user, chat) = PrivateUser(1);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, state, logs);

        _api.PostText(chat, user, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1 && api.PendingUpdates == 0, "the answer to update 42");
        _api.PostText(chat, user, "Vladivostok?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 2 && api.PendingUpdates == 0, "the answer to update 43");

        Assert.Equal("44", await state.GetAsync(TelegramOffsetStore.OffsetKey));
        Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("went backwards", StringComparison.Ordinal));
        Assert.InRange(_api.Calls.Count(call => call == "getUpdates"), 2, 200);
    }

    [Fact]
    public async Task A_server_that_ignores_offset_and_timeout_gets_no_tight_loop_and_no_repeated_answer()
    {
        _api.IgnoresOffsetAndTimeout = true;
        var delay = new RecordingRetryDelay();
        var (user, chat) = PrivateUser(1);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, delay: delay, settings: new Dictionary<string, string?>
        {
            ["Telegram:IdlePollDelay"] = "00:00:00.050",
        });

        _api.PostText(chat, user, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Calls.Count(call => call == "getUpdates") >= 8, "several polls");

        Assert.Single(_api.Messages);
        Assert.Single(articles.Questions);
        // Every poll that brought nothing new (all but the first) was followed by the pause.
        var polls = _api.Calls.Count(call => call == "getUpdates");
        Assert.True(delay.Requested.Count(wait => wait == TimeSpan.FromMilliseconds(50)) >= polls - 2, $"{polls} polls, pauses: {string.Join(", ", delay.Requested)}");
    }

    [Fact]
    public async Task A_failing_set_my_commands_is_a_warning_and_the_bot_answers_anyway()
    {
        var logs = new CapturingLoggerProvider();
        _api.InjectFailure("setMyCommands", new InjectedFailure(404, "Not Found: method not found"));
        var (user, chat) = PrivateUser(1);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, logs: logs);

        _api.PostText(chat, user, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("setMyCommands failed", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task When_answering_throws_the_user_gets_one_apology_not_silence()
    {
        var (user, chat) = PrivateUser(1);
        var articles = new FakeArticles { BeforeAnswer = (_, _) => throw new InvalidOperationException("index is broken") };
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles);

        _api.PostText(chat, user, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1 && api.PendingUpdates == 0, "the apology");

        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.Failed), _api.Messages[0].Text);
    }

    [Fact]
    public async Task Declines_and_greetings_name_the_telegram_commands()
    {
        var (user, chat) = PrivateUser(1);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles);

        _api.PostText(chat, user, "Who won the football world cup?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the decline");
        _api.PostText(chat, user, "hello!");
        await _api.WaitUntilAsync(api => api.Messages.Count == 2, "the greeting");

        Assert.EndsWith("list them with /sources.", _api.Messages[0].Text);
        Assert.Contains("/help", _api.Messages[1].Text);
        Assert.Single(articles.Questions); // the greeting never reached the answerer
        Assert.Single(_api.Actions); // and showed no "typing": only the search did
    }
}
