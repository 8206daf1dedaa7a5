using ChatBot.Telegram.Api;
using ChatBot.Telegram.Bot;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Hosting;

/// <summary>What both modes do first: learn who the bot is (getMe) and register its commands (setMyCommands).</summary>
public sealed class TelegramBotStartup(
    TelegramBotClient client,
    TelegramBotIdentity identity,
    ITelegramRetryDelay delay,
    ILogger<TelegramBotStartup> logger)
{
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
                return true;
            }
            catch (TelegramNetworkException ex)
            {
                logger.LogError("Telegram bot cannot reach the Bot API yet ({Reason}); trying again in {Delay}", ex.Message, RetryAfterNetworkFailure);
                await delay.WaitAsync(RetryAfterNetworkFailure, cancellationToken);
            }
            catch (TelegramApiException ex)
            {
                logger.LogCritical("Telegram bot not started: {Reason}. Check Telegram:Token and Telegram:ApiBaseUrl.", ex.Message);
                return false;
            }
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var me = await client.GetMeAsync(cancellationToken);
        identity.Set(me);
        await client.SetMyCommandsAsync(Commands, cancellationToken);
        logger.LogInformation("Telegram bot @{Username} ({BotId}) started", me.Username, me.Id);
    }
}
