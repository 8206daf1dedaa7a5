using ChatBot.Discord.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Bot;

/// <summary>
/// Runs the Discord side inside the host: one gateway client feeding one handler. A fatal gateway error
/// (bad token, disallowed intents) is logged once and ends this service only; the host keeps running the
/// other platforms.
/// </summary>
public sealed class DiscordBotService(
    DiscordGatewayClient gateway,
    DiscordEventHandler handler,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gateway.RunAsync(handler.HandleAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (DiscordGatewayFatalException ex)
        {
            logger.LogError("{Error}", ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Discord side stopped after an unexpected error. The rest of the bot keeps running.");
        }
        finally
        {
            await handler.WhenIdleAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
