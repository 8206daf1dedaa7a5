using ChatBot.Core.Diagnostics;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Bot;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ChatBot.Telegram.Hosting;

/// <summary>What both modes do first: learn who the bot is (getMe, required) and register its commands (optional).</summary>
public sealed class TelegramBotStartup(
    TelegramApi api,
    TelegramBotIdentity identity,
    ITelegramRetryDelay delay,
    ILogger<TelegramBotStartup> logger,
    PlatformConnections? connections = null)
{
    /// <summary>The name readiness and the metrics know this platform by.</summary>
    public const string PlatformName = "telegram";

    private static readonly TimeSpan RetryAfterNetworkFailure = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<BotCommand> Commands { get; } =
    [
        new("ask", "Ask a question about the articles"),
        new("help", "What I know and how to ask"),
        new("sources", "List the articles with their dates"),
    ];

    /// <summary>
    /// Initializes the bot, then runs the mode's own set-up (deleteWebhook or setWebhook). An unreachable API is
    /// retried until it answers (the network may come up after the host); a refusal (bad token: 401/404) is final.
    /// Returns false when the bot cannot start; the host keeps running for other platforms.
    /// </summary>
    public async Task<bool> TryStartAsync(Func<CancellationToken, Task> modeSetUp, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await InitializeAsync(cancellationToken);
                await modeSetUp(cancellationToken);
                connections?.Connected(PlatformName);
                return true;
            }
            catch (TelegramUnreachableException ex)
            {
                logger.LogError("Telegram bot cannot reach the Bot API yet ({Reason}); trying again in {Delay}", api.Retry.Redact(ex.Message), RetryAfterNetworkFailure);
                connections?.Disconnected(PlatformName, "Bot API unreachable");
                await delay.WaitAsync(RetryAfterNetworkFailure, cancellationToken);
            }
            catch (ApiRequestException ex)
            {
                logger.LogCritical(
                    "Telegram bot not started: {ErrorCode} {Reason}. Check Telegram:Token and Telegram:ApiBaseUrl.", ex.ErrorCode, api.Retry.Redact(ex.Message));
                connections?.Disconnected(PlatformName, $"refused by the Bot API ({ex.ErrorCode})");
                return false;
            }
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var me = await api.GetMeAsync(cancellationToken);
        identity.Set(me);
        try
        {
            await api.SetMyCommandsAsync(Commands, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestException or TelegramUnreachableException)
        {
            // The command menu is a convenience: the commands work without it.
            logger.LogWarning("Telegram setMyCommands failed ({Reason}); the command menu may be missing, the bot runs anyway", api.Retry.Redact(ex.Message));
        }

        logger.LogInformation("Telegram bot @{Username} ({BotId}) started", me.Username, me.Id);
    }
}
