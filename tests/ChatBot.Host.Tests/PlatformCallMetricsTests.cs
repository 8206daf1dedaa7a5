using System.Diagnostics.Metrics;
using System.Net;
using ChatBot.Core.Diagnostics;
using ChatBot.Discord.Rest;
using ChatBot.Host.Observability;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Host.Tests;

/// <summary>The platform request counter's labels: a closed vocabulary, never a token from the URL.</summary>
public sealed class PlatformCallMetricsTests
{
    [Theory]
    [InlineData("https://api.telegram.org/bot123456:SECRET-token/sendMessage", "sendMessage")]
    [InlineData("http://127.0.0.1:9000/bot123456:SECRET-token/getUpdates", "getUpdates")]
    [InlineData("https://api.telegram.org/file/bot123456:SECRET-token/photos/file_1.jpg", "other")]
    [InlineData("https://api.telegram.org/bot123456:SECRET-token/", "other")]
    [InlineData("https://proxy.example/bot123456:SECRET/send-Message", "other")]
    public void Telegram_method_is_the_bot_api_method_or_other(string url, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        Assert.Equal(expected, PlatformCallMetricsHandler.TelegramMethod(request));
    }

    [Fact]
    public void Discord_method_is_the_route_template_the_client_tagged()
    {
        using var tagged = new HttpRequestMessage(HttpMethod.Post, "https://discord.com/api/v10/interactions/1/SECRET/callback");
        tagged.Options.Set(DiscordRoute.OptionKey, new DiscordRoute("POST", "/interactions/{interaction.id}/{interaction.token}/callback", "1"));
        using var untagged = new HttpRequestMessage(HttpMethod.Get, "https://discord.com/api/v10/users/@me");
        Assert.Equal("POST /interactions/{interaction.id}/{interaction.token}/callback", PlatformCallMetricsHandler.DiscordMethod(tagged));
        Assert.Equal("other", PlatformCallMetricsHandler.DiscordMethod(untagged));
    }

    [Fact]
    public async Task Each_attempt_is_counted_by_status_class_and_a_transport_failure_as_error()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<ChatBotMetrics>().BuildServiceProvider();
        using var recorder = new MetricRecorder(services.GetRequiredService<IMeterFactory>());
        var statuses = new Queue<HttpStatusCode?>([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, null]);
        using var handler = new PlatformCallMetricsHandler(services.GetRequiredService<ChatBotMetrics>(), "telegram", PlatformCallMetricsHandler.TelegramMethod)
        {
            InnerHandler = new Answering(statuses),
        };
        using var http = new HttpClient(handler);
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync(new Uri("http://127.0.0.1/bot1:SECRET/sendMessage"), null);
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri("http://127.0.0.1/bot1:SECRET/sendMessage"), null));

        foreach (var statusClass in new[] { "2xx", "4xx", "5xx", "error" })
        {
            Assert.Equal(1, recorder.Sum("chatbot.platform.api.calls", ("platform", "telegram"), ("method", "sendMessage"), ("status_class", statusClass)));
        }
    }

    private sealed class Answering(Queue<HttpStatusCode?> statuses) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            statuses.Dequeue() is { } status
                ? Task.FromResult(new HttpResponseMessage(status))
                : throw new HttpRequestException("connection refused");
    }
}
