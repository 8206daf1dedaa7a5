using System.Net;
using System.Net.Http.Json;
using ChatBot.Core.Answers;
using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Telegram.Tests;

/// <summary>
/// Telegram (or a load balancer) gives up on a webhook call that takes too long and delivers the update again. The
/// answer in progress must still go out and be recorded: cancelling it with the call released its claim as
/// unanswered, and when the cut came after the reply was sent, the redelivery was answered a second time.
/// </summary>
public sealed class WebhookDroppedCallTests : IAsyncLifetime
{
    private const string Secret = "dropped-Call_1";
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_answer_whose_webhook_call_was_dropped_is_still_sent_and_its_redelivery_is_not_answered_again()
    {
        var articles = new FakeArticles();
        var answerer = new GatedAnswerer(articles);
        await using var bot = await TestBotHost.StartAsync(_api, answerer, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:Webhook:Url"] = "https://bot.example.com/telegram/hook",
            ["Telegram:Webhook:SecretToken"] = Secret,
            ["Telegram:Webhook:ListenUrl"] = "http://127.0.0.1:0",
        });
        var address = new Uri((await bot.Host.Services.GetRequiredService<TelegramWebhookService>().ListeningAddresses.WaitAsync(TimeSpan.FromSeconds(15)))[0]);
        var update = new Update(7, new Message(7, new Chat(9, "private"), 0, new User(9, false, "W"), "Abe in Beijing?"));

        // The first delivery gives up once the answer is being prepared (the client closes the connection).
        using var giveUp = new CancellationTokenSource();
        var first = DeliverAsync(address, update, giveUp.Token);
        await answerer.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Task.Delay(300); // time for the server to see the closed connection
        answerer.Open();
        await _api.WaitUntilAsync(api => api.Messages.Count == 1, "the answer to the dropped call", TimeSpan.FromSeconds(10));

        // Telegram delivers it again (and again after a 503, while the answer is being recorded): 200, nothing more.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 50 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            await Task.Delay(100);
            status = await DeliverAsync(address, update, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        await Task.Delay(300);
        var answer = Assert.Single(_api.Messages);
        Assert.Contains("10 November 2014", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, answerer.Calls);
    }

    private static async Task<HttpStatusCode> DeliverAsync(Uri address, Update update, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/hook") { Content = JsonContent.Create(update, options: TelegramJson.Options) };
        request.Headers.Add(TelegramWebhookReceiver.SecretHeader, Secret);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Holds every answer until <see cref="Open"/>, honouring cancellation as a real search does.</summary>
    private sealed class GatedAnswerer(IQuestionAnswerer inner) : IQuestionAnswerer
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => _calls;

        public void Open() => _gate.TrySetResult();

        public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            Started.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
            return await inner.AnswerAsync(question, maxPassages, cancellationToken);
        }
    }
}
