using System.Net;
using System.Net.Sockets;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Telegram.Tests;

/// <summary>The envelope rules of <see cref="TelegramBotClient.CallAsync{TResult}"/>, directly against the fake.</summary>
public sealed class TelegramBotClientTests : IAsyncLifetime
{
    private readonly RecordingRetryDelay _delay = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private TelegramBotClient CreateClient(Uri baseUrl, string token = FakeBotApi.Token) =>
        new(
            new HttpClient { BaseAddress = baseUrl },
            Options.Create(new TelegramOptions
            {
                Token = token,
                MaxNetworkRetries = 3,
                MaxRateLimitRetries = 2,
                NetworkBackoff = TimeSpan.FromMilliseconds(100),
                MaxNetworkBackoff = TimeSpan.FromSeconds(10),
                RequestTimeout = TimeSpan.FromSeconds(10),
            }),
            _delay,
            NullLogger<TelegramBotClient>.Instance);

    [Fact]
    public async Task Ok_envelope_is_unwrapped()
    {
        var me = await CreateClient(_api.BaseUrl).GetMeAsync();

        Assert.Equal(FakeBotApi.Bot, me);
    }

    [Fact]
    public async Task Bad_request_is_final_and_not_retried()
    {
        _api.BlockedChats.Add(77);

        var error = await Assert.ThrowsAsync<TelegramApiException>(() => CreateClient(_api.BaseUrl).SendMessageAsync(new SendMessageRequest(77, "hi")));

        Assert.Equal(403, error.ErrorCode);
        Assert.True(error.IsFinalForChat);
        Assert.Single(_api.Calls);
        Assert.Empty(_delay.Requested);
    }

    [Fact]
    public async Task Too_many_requests_waits_retry_after_and_gives_up_after_the_configured_retries()
    {
        _api.InjectFailure("getMe", new InjectedFailure(429, "Too Many Requests", RetryAfter: 1), 3);

        var error = await Assert.ThrowsAsync<TelegramApiException>(() => CreateClient(_api.BaseUrl).GetMeAsync());

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], _delay.Requested);
        Assert.Equal(3, _api.Calls.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        _api.InjectFailure("getMe", new InjectedFailure(500, "Internal Server Error"), 2);

        var me = await CreateClient(_api.BaseUrl).GetMeAsync();

        Assert.Equal(FakeBotApi.Bot.Id, me.Id);
        Assert.Equal(2, _delay.Requested.Count);
    }

    [Fact]
    public async Task Network_failures_back_off_exponentially_with_jitter_and_the_error_hides_the_token()
    {
        var closedPort = new TcpListener(IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        var error = await Assert.ThrowsAsync<TelegramNetworkException>(() => CreateClient(new Uri($"http://127.0.0.1:{port}/")).GetMeAsync());

        var waits = _delay.Requested.ToArray();
        Assert.Equal(3, waits.Length);
        for (var i = 0; i < waits.Length; i++)
        {
            var full = TimeSpan.FromMilliseconds(100 * Math.Pow(2, i));
            Assert.InRange(waits[i], full / 2, full);
        }

        Assert.DoesNotContain(FakeBotApi.Token.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_token_is_reported_without_the_token()
    {
        const string wrong = "999:WRONG-secret";

        var error = await Assert.ThrowsAsync<TelegramApiException>(() => CreateClient(_api.BaseUrl, wrong).GetMeAsync());

        Assert.Equal(401, error.ErrorCode);
        Assert.DoesNotContain("WRONG-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_poll_holds_until_an_update_arrives_and_the_offset_confirms_it()
    {
        var client = CreateClient(_api.BaseUrl);
        var poll = client.GetUpdatesAsync(null, 10, Update.HandledKinds);
        await _api.WaitUntilAsync(api => api.Calls.Contains("getUpdates"), "the poll to reach the fake");
        Assert.False(poll.IsCompleted);

        var sent = _api.PostText(new Chat(1, "private"), new User(1, false, "A"), "hello");
        var updates = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        var update = Assert.Single(updates);
        Assert.Equal(sent, update.Message);
        Assert.Equal(1, _api.PendingUpdates);
        Assert.Empty(await client.GetUpdatesAsync(update.UpdateId + 1, 0, Update.HandledKinds));
        Assert.Equal(0, _api.PendingUpdates);
    }
}
