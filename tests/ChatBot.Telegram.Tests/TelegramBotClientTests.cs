using System.Net;
using System.Net.Sockets;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;

namespace ChatBot.Telegram.Tests;

/// <summary>Telegram.Bot (RetryCount 0) behind the project's retry policy, directly against the fake.</summary>
public sealed class TelegramBotClientTests : IAsyncLifetime
{
    private readonly RecordingRetryDelay _delay = new();
    private FakeBotApi _api = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _api.DisposeAsync();
    }

    private TelegramApi CreateApi(Uri baseUrl, string token = FakeBotApi.Token)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = token,
            ["Telegram:ApiBaseUrl"] = baseUrl.ToString(),
            ["Telegram:MaxNetworkRetries"] = "3",
            ["Telegram:MaxRateLimitRetries"] = "2",
            ["Telegram:NetworkBackoff"] = "00:00:00.100",
            ["Telegram:MaxNetworkBackoff"] = "00:00:10",
            ["Telegram:RequestTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddLogging(logging => logging.ClearProviders());
        services.AddSingleton<ITelegramRetryDelay>(_delay);
        services.AddSingleton<ChatBot.Core.Answers.IQuestionAnswerer>(new FakeArticles());
        services.AddSingleton<ChatBot.Core.Articles.IArticleCatalog>(new FakeArticles());
        services.AddTelegramBot(configuration);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<TelegramApi>();
    }

    [Fact]
    public async Task Ok_envelope_is_unwrapped_and_the_library_body_is_accepted_chunked()
    {
        var me = await CreateApi(_api.BaseUrl).GetMeAsync(CancellationToken.None);

        Assert.Equal(FakeBotApi.Bot.Id, me.Id);
        Assert.Equal("ThisBot", me.Username);
    }

    [Fact]
    public async Task Html_is_sent_as_the_library_spells_it_and_accepted()
    {
        await CreateApi(_api.BaseUrl).SendHtmlAsync(77, "<b>bold</b> &amp; plain", null, CancellationToken.None);

        var sent = Assert.Single(_api.Messages);
        Assert.Equal("Html", sent.ParseMode); // Telegram.Bot's spelling; Telegram reads it without regard to case
        Assert.True(sent.LinkPreviewDisabled);
        Assert.True(_api.LastRequestWasChunked);
    }

    [Fact]
    public async Task Bad_request_is_final_and_not_retried()
    {
        _api.BlockedChats.Add(77);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => CreateApi(_api.BaseUrl).SendHtmlAsync(77, "hi", null, CancellationToken.None));

        Assert.Equal(403, error.ErrorCode);
        Assert.Single(_api.Calls);
        Assert.Empty(_delay.Requested);
    }

    [Fact]
    public async Task Too_many_requests_waits_retry_after_and_gives_up_after_the_configured_retries()
    {
        _api.InjectFailure("getMe", new InjectedFailure(429, "Too Many Requests: retry after 7", RetryAfter: 7), 3);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => CreateApi(_api.BaseUrl).GetMeAsync(CancellationToken.None));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _delay.Requested);
        Assert.Equal(3, _api.Calls.Count); // the library itself did not retry (RetryCount 0)
    }

    [Fact]
    public async Task A_migrated_group_gets_the_message_at_its_new_id()
    {
        _api.MigratedChats[-4001] = -1004001;

        var sent = await CreateApi(_api.BaseUrl).SendHtmlAsync(-4001, "hello", null, CancellationToken.None);

        Assert.Equal(-1004001, sent!.Chat.Id);
        Assert.Equal(["sendMessage:-4001", "sendMessage:-1004001"], _api.Calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        _api.InjectFailure("getMe", new InjectedFailure(500, "Internal Server Error"), 2);

        var me = await CreateApi(_api.BaseUrl).GetMeAsync(CancellationToken.None);

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

        var error = await Assert.ThrowsAsync<TelegramUnreachableException>(() => CreateApi(new Uri($"http://127.0.0.1:{port}/")).GetMeAsync(CancellationToken.None));

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

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => CreateApi(_api.BaseUrl, wrong).GetMeAsync(CancellationToken.None));

        Assert.Equal(401, error.ErrorCode);
        Assert.DoesNotContain("WRONG-secret", error.ToString(), StringComparison.Ordinal);
    }
}
