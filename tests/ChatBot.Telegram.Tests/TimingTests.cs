using ChatBot.Core.Conversation;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Tests.Fakes;

namespace ChatBot.Telegram.Tests;

/// <summary>Behaviour over time, on a manual clock: the typing indicator and the rate-limit window.</summary>
public sealed class TimingTests : IAsyncLifetime
{
    private static readonly User Alice = new(1001, false, "Alice");
    private static readonly Chat AliceChat = new(Alice.Id, "private");
    private readonly ManualTimeProvider _time = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Typing_is_shown_again_every_few_seconds_while_a_slow_answer_is_prepared()
    {
        var release = new TaskCompletionSource();
        var articles = new FakeArticles { BeforeAnswer = (_, ct) => release.Task.WaitAsync(ct) };
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, time: _time);

        _api.PostText(AliceChat, Alice, "Abe in Beijing?");
        await _api.WaitUntilAsync(api => api.Actions.Count == 1, "the first typing action");
        for (var expected = 2; expected <= 3; expected++)
        {
            await _time.WaitForTimerAsync();
            _time.Advance(TimeSpan.FromSeconds(4));
            await _api.WaitUntilAsync(api => api.Actions.Count == expected, $"typing action {expected}");
        }

        Assert.Empty(_api.Messages);
        release.SetResult();
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer");

        Assert.All(_api.Actions, action => Assert.Equal(new SentChatAction(AliceChat.Id, "typing"), action));
        Assert.Equal(0, _time.PendingTimers); // the refresh loop stopped with the answer
    }

    [Fact]
    public async Task The_rate_limit_window_slides_so_the_user_can_ask_again_later()
    {
        // System.Threading.RateLimiting keeps its own clock, so this window is short and real.
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:RateLimit:QuestionsPerWindow"] = "2",
            ["Telegram:RateLimit:Window"] = "00:00:00.600",
            ["Telegram:RateLimit:SegmentsPerWindow"] = "3",
        });

        for (var i = 0; i < 3; i++)
        {
            _api.PostText(AliceChat, Alice, "Abe in Beijing?");
        }

        await _api.WaitUntilAsync(api => api.Messages.Count == 3, "three replies");
        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.SlowDown), _api.Messages[2].Text);

        // Ask again until the window has slid past the first two questions (a few hundred milliseconds). A refusal
        // after the notice gets no reply (told once per window), so each try waits a moment instead of for a reply.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!_api.Messages[^1].Text.StartsWith("<blockquote>", StringComparison.Ordinal) || _api.Messages.Count < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the limit never lifted");
            _api.PostText(AliceChat, Alice, "Abe in Beijing?");
            await Task.Delay(250);
        }

        Assert.Equal(3, articles.Questions.Count);
    }
}
