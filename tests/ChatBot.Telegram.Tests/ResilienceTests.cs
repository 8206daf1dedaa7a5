using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Tests;

/// <summary>Rate limits, restarts, blocked and migrated chats, and the token staying out of the logs.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static (User User, Chat Chat) PrivateUser(int n) =>
        (new User(5000 + n, false, $"User{n}"), new Chat(5000 + n, "private"));

    [Fact]
    public async Task A_storm_of_429s_is_waited_out_and_every_question_answered_exactly_once()
    {
        var delay = new RecordingRetryDelay();
        var tooMany = new InjectedFailure(429, "Too Many Requests: retry after 1", RetryAfter: 1);
        _api.InjectFailure("getUpdates", tooMany, 2);
        _api.InjectFailure("sendChatAction", tooMany, 3);
        _api.InjectFailure("sendMessage", tooMany, 6);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, delay: delay);

        var users = Enumerable.Range(1, 4).Select(PrivateUser).ToList();
        foreach (var (user, chat) in users)
        {
            _api.PostText(chat, user, "Abe and the Ukraine cease-fire?");
        }

        await _api.WaitUntilAsync(api => api.Messages.Count == 4 && api.PendingUpdates == 0, "all four answers");

        Assert.All(users, u => Assert.Single(_api.MessagesTo(u.Chat.Id)));
        Assert.Equal(4, articles.Questions.Count);
        // getUpdates and sendMessage wait each 429 out; "typing" is cosmetic, so its 429s are skipped, not waited for.
        Assert.Equal(2 + 6, delay.Requested.Count(wait => wait == TimeSpan.FromSeconds(1)));
        Assert.Equal(4 + 6, _api.Calls.Count(call => call.StartsWith("sendMessage:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_restart_while_one_chat_is_stuck_answers_it_after_the_restart_and_repeats_no_other_chat()
    {
        var state = new InMemoryBotStateStore();
        var users = Enumerable.Range(1, 6).Select(PrivateUser).ToList();
        for (var i = 0; i < users.Count; i++)
        {
            _api.PostText(users[i].Chat, users[i].User, $"Abe in Beijing, question #{i + 1}?");
        }

        // First run: the chats are answered side by side; #4 hangs until the shutdown grace cuts it off.
        var stuckInFourth = new TaskCompletionSource();
        var firstArticles = new FakeArticles
        {
            BeforeAnswer = async (question, cancellationToken) =>
            {
                if (question.Contains("#4", StringComparison.Ordinal))
                {
                    stuckInFourth.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            },
        };
        var quickGrace = new Dictionary<string, string?> { ["Telegram:ShutdownGrace"] = "00:00:00.200" };
        await using (var first = await TestBotHost.StartAsync(_api, firstArticles, firstArticles, state, settings: quickGrace))
        {
            await stuckInFourth.Task.WaitAsync(TimeSpan.FromSeconds(15));
            await _api.WaitUntilAsync(api => api.Messages.Count == 5, "the five other answers");
        }

        Assert.Empty(_api.MessagesTo(users[3].Chat.Id));
        // #4 (update 4) is unfinished, so the offset stays there; 5 and 6 are listed as done above it.
        Assert.Equal("4", await state.GetAsync(TelegramPollingService.OffsetStateKey));
        Assert.Equal("5,6", await state.GetAsync(TelegramOffsetStore.HandledAboveKey));
        // Telegram was never told that update 4 was done.
        Assert.Contains(4, _api.PendingUpdateIds);

        var secondArticles = new FakeArticles();
        await using (var second = await TestBotHost.StartAsync(_api, secondArticles, secondArticles, state))
        {
            await _api.WaitUntilAsync(api => api.Messages.Count == 6 && api.PendingUpdates == 0, "the answer to #4");
        }

        Assert.All(users, u => Assert.Single(_api.MessagesTo(u.Chat.Id)));
        Assert.Equal(["Abe in Beijing, question #4?"], secondArticles.Questions);
        Assert.Equal("7", await state.GetAsync(TelegramPollingService.OffsetStateKey));
    }

    [Fact]
    public async Task A_stop_that_lands_while_a_reply_is_being_sent_lets_it_finish_and_saves_the_offset_so_nothing_repeats()
    {
        var state = new InMemoryBotStateStore();
        var (user, chat) = PrivateUser(1);
        _api.PostText(chat, user, "Abe in Beijing?");
        var answering = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var articles = new FakeArticles
        {
            BeforeAnswer = async (_, _) =>
            {
                answering.TrySetResult();
                await release.Task; // ignores cancellation: the reply is already on its way when the stop lands
            },
        };

        var first = await TestBotHost.StartAsync(_api, articles, articles, state);
        await answering.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var stopping = first.Host.StopAsync(); // SIGTERM: stop taking updates, finish what is in flight
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        first.Host.Dispose();

        Assert.Single(_api.MessagesTo(chat.Id));
        Assert.Equal("2", await state.GetAsync(TelegramPollingService.OffsetStateKey));

        var again = new FakeArticles();
        await using (var second = await TestBotHost.StartAsync(_api, again, again, state))
        {
            await _api.WaitUntilAsync(api => api.PendingUpdates == 0, "the confirmation");
        }

        Assert.Single(_api.MessagesTo(chat.Id));
        Assert.Empty(again.Questions);
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_logged_and_skipped_without_stalling_others()
    {
        var logs = new CapturingLoggerProvider();
        var (blockedUser, blockedChat) = PrivateUser(1);
        _api.BlockedChats.Add(blockedChat.Id);
        var others = new[] { PrivateUser(2), PrivateUser(3) };
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, logs: logs);

        _api.PostText(blockedChat, blockedUser, "Abe in Beijing?");
        _api.PostText(others[0].Chat, others[0].User, "Abe in Beijing?");
        _api.PostText(blockedChat, blockedUser, "/sources");
        _api.PostText(others[1].Chat, others[1].User, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 2 && api.PendingUpdates == 0, "answers to the other chats");

        Assert.All(others, u => Assert.Single(_api.MessagesTo(u.Chat.Id)));
        // One attempt each, never retried: the typing action (cosmetic: warned about), the answer, the /sources list.
        Assert.Equal(1, _api.Calls.Count(call => call == $"sendChatAction:{blockedChat.Id}"));
        Assert.Equal(2, _api.Calls.Count(call => call == $"sendMessage:{blockedChat.Id}"));
        Assert.Equal(2, logs.Entries.Count(entry => entry.Level == LogLevel.Warning && entry.Message.Contains("403 Forbidden: bot was blocked", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_group_that_became_a_supergroup_gets_the_answer_at_its_new_id()
    {
        var oldGroup = new Chat(-4001, "group", "Old");
        const long newGroupId = -1004001;
        _api.MigratedChats[oldGroup.Id] = newGroupId;
        var (user, _) = PrivateUser(1);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles);

        _api.PostText(oldGroup, user, "/ask Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        Assert.Equal(newGroupId, _api.Messages[0].ChatId);
        Assert.Contains("<blockquote>", _api.Messages[0].Text);
    }

    [Fact]
    public async Task The_token_never_appears_in_logs_even_at_trace_level_and_on_errors()
    {
        var logs = new CapturingLoggerProvider();
        _api.InjectFailure("sendMessage", new InjectedFailure(429, "Too Many Requests", RetryAfter: 1));
        _api.InjectFailure("getUpdates", new InjectedFailure(502, "Bad Gateway"));
        var (blockedUser, blockedChat) = PrivateUser(1);
        _api.BlockedChats.Add(blockedChat.Id);
        var (user, chat) = PrivateUser(2);
        var articles = new FakeArticles();
        await using (var bot = await TestBotHost.StartAsync(_api, articles, articles, logs: logs))
        {
            _api.PostText(blockedChat, blockedUser, "Abe in Beijing?");
            _api.PostText(chat, user, "Abe in Beijing?");
            _api.PostInlineQuery(user, "Beijing");
            await _api.WaitUntilAsync(api => api.Messages.Count == 1 && api.InlineAnswers.Count == 1, "the answers");
        }

        var secret = FakeBotApi.Token.Split(':')[1];
        var text = logs.AllText();
        Assert.Contains("sendMessage", text); // the client's own request log is there, just without the URL
        Assert.Contains("rate limited", text);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/bot4242", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_that_is_down_at_start_is_retried_until_it_answers()
    {
        var delay = new RecordingRetryDelay();
        _api.InjectFailure("getMe", new InjectedFailure(502, "Bad Gateway"), 8);
        var (user, chat) = PrivateUser(1);
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, delay: delay);

        _api.PostText(chat, user, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer once the API is back");

        Assert.Equal(9, _api.Calls.Count(call => call == "getMe"));
        Assert.Contains(TimeSpan.FromSeconds(30), delay.Requested);
    }

    [Fact]
    public async Task A_rejected_token_stops_only_the_telegram_bot_with_a_clear_log()
    {
        var logs = new CapturingLoggerProvider();
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, logs: logs, settings: new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "4242:REVOKED-token",
        });

        await _api.WaitUntilAsync(api => api.Calls.Contains("getMe (bad token)"), "the getMe call");
        var lifetime = (Microsoft.Extensions.Hosting.IHostApplicationLifetime)bot.Host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime))!;
        await WaitForLogAsync(logs, LogLevel.Critical);

        var critical = Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Contains("401 Unauthorized", critical.Message);
        Assert.DoesNotContain("REVOKED-token", logs.AllText());
        Assert.DoesNotContain(_api.Calls, call => call.StartsWith("getUpdates", StringComparison.Ordinal));
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    private static async Task WaitForLogAsync(CapturingLoggerProvider logs, LogLevel level)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!logs.Entries.Any(entry => entry.Level == level))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {level} log entry");
            await Task.Delay(10);
        }
    }
}
