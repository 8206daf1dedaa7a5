using ChatBot.Telegram.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Telegram.Hosting;

/// <summary>
/// Webhook mode: registers the webhook (with its secret token) and serves the receiver on a small Kestrel server.
/// Several instances behind a load balancer can share one bot this way, which long polling does not allow.
/// </summary>
public sealed class TelegramWebhookService(
    TelegramApi api,
    TelegramBotStartup startup,
    TelegramWebhookReceiver receiver,
    IOptions<TelegramOptions> options,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<TelegramWebhookService>();
    private readonly TaskCompletionSource<IReadOnlyList<string>> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The addresses Kestrel actually bound (useful when the configured port is 0).</summary>
    public Task<IReadOnlyList<string>> ListeningAddresses => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var webhook = options.Value.Webhook;
        var registered = await startup.TryStartAsync(
            ct => api.SetWebhookAsync(webhook.Url!, webhook.SecretToken!, webhook.MaxConnections, ct),
            stoppingToken);
        if (!registered)
        {
            _listening.TrySetException(new InvalidOperationException("The Telegram webhook could not be registered."));
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(webhook.ListenUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = webhook.MaxBodyBytes);
        await using var app = builder.Build();
        app.MapPost(new Uri(webhook.Url!).AbsolutePath, (HttpRequest request) => receiver.ReceiveAsync(request, stoppingToken));

        await app.StartAsync(stoppingToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        _logger.LogInformation("Telegram webhook receiver listening on {Addresses}", string.Join(", ", addresses));
        _listening.TrySetResult(addresses);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }
}
