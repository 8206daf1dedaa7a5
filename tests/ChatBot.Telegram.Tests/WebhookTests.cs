using System.Net;
using System.Net.Http.Json;
using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Telegram.Tests;

public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cret-Value_1";
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Webhook_is_registered_with_its_secret_and_only_calls_with_the_secret_are_handled()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:Webhook:Url"] = "https://bot.example.com/telegram/hook",
            ["Telegram:Webhook:SecretToken"] = Secret,
            ["Telegram:Webhook:ListenUrl"] = "http://127.0.0.1:0",
        });
        var service = bot.Host.Services.GetRequiredService<TelegramWebhookService>();
        var address = (await service.ListeningAddresses.WaitAsync(TimeSpan.FromSeconds(15)))[0];
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var registration = Assert.Single(_api.SetWebhookCalls);
        Assert.Equal("https://bot.example.com/telegram/hook", registration["url"]!.GetValue<string>());
        Assert.Equal(Secret, registration["secret_token"]!.GetValue<string>());
        Assert.DoesNotContain("getUpdates", _api.Calls);

        Update Question(long id) => new(id, new Message(id, new Chat(9, "private"), 0, new User(9, false, "W"), $"Abe in Beijing? #{id}"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/telegram/hook", Question(1), TelegramJson.Options)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/telegram/hook") { Content = JsonContent.Create(Question(2), options: TelegramJson.Options) };
        wrong.Headers.Add(TelegramWebhookReceiver.SecretHeader, Secret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Post, "/telegram/hook") { Content = JsonContent.Create(Question(3), options: TelegramJson.Options) };
        right.Headers.Add(TelegramWebhookReceiver.SecretHeader, Secret);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);

        Assert.Equal(["Abe in Beijing? #3"], articles.Questions);
        var answer = Assert.Single(_api.Messages);
        Assert.Equal(9, answer.ChatId);
        Assert.Contains("10 November 2014", answer.Text);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_and_never_answered()
    {
        var articles = new FakeArticles();
        await using var bot = await TestBotHost.StartAsync(_api, articles, articles, settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:Webhook:Url"] = "https://bot.example.com/telegram/hook",
            ["Telegram:Webhook:SecretToken"] = Secret,
            ["Telegram:Webhook:ListenUrl"] = "http://127.0.0.1:0",
            ["Telegram:Webhook:MaxBodyBytes"] = "65536",
        });
        var service = bot.Host.Services.GetRequiredService<TelegramWebhookService>();
        var address = (await service.ListeningAddresses.WaitAsync(TimeSpan.FromSeconds(15)))[0];
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Update Question(long id, int padding) => new(id, new Message(id, new Chat(9, "private"), 0, new User(9, false, "W"), "Abe in Beijing? " + new string('x', padding)));

        HttpRequestMessage Post(HttpContent content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/hook") { Content = content };
            request.Headers.Add(TelegramWebhookReceiver.SecretHeader, Secret);
            return request;
        }

        // Declared length over the limit: refused on the headers; with Expect: 100-continue the body is never even sent.
        using var declared = Post(new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Question(1, 2_000_000), TelegramJson.Options)));
        declared.Headers.ExpectContinue = true;
        // No declared length (chunked): refused once Kestrel has counted past the limit.
        using var chunked = Post(new StreamContent(new MemoryStream(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Question(2, 100_000), TelegramJson.Options))));
        chunked.Headers.TransferEncodingChunked = true;
        using var small = Post(JsonContent.Create(Question(3, 0), options: TelegramJson.Options));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(declared)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(chunked)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(small)).StatusCode);
        Assert.Equal(["Abe in Beijing?"], articles.Questions);
        Assert.Equal(1024 * 1024, new TelegramWebhookOptions().MaxBodyBytes);
    }
}
