using System.Globalization;
using ChatBot.Telegram.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace ChatBot.Telegram.Hosting;

/// <summary>
/// Long-polling loop: fetches updates and hands them to <see cref="TelegramUpdateDispatcher"/>. It polls with the
/// offset of the earliest unfinished update, so Telegram forgets nothing that is still being answered; a poll that
/// brings nothing new is followed by a short pause, so a server that answers at once (short polling, or updates still
/// in flight) never turns the loop into a tight one. On stop it takes no new updates, lets the dispatcher finish what
/// is in flight (bounded by <see cref="TelegramOptions.ShutdownGrace"/>) and save the position.
/// </summary>
public sealed class TelegramPollingService(
    TelegramApi api,
    TelegramBotStartup startup,
    TelegramUpdateDispatcher dispatcher,
    TelegramOffsetStore offsets,
    ITelegramRetryDelay delay,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    public const string OffsetStateKey = TelegramOffsetStore.OffsetKey;

    private static readonly TimeSpan PollFailureBackoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // getUpdates is refused while a webhook is set, so remove any left from webhook mode.
        if (!await startup.TryStartAsync(api.DeleteWebhookAsync, stoppingToken))
        {
            return;
        }

        dispatcher.Restore(await offsets.LoadAsync(stoppingToken));
        logger.LogInformation("Polling Telegram updates from offset {Offset}", dispatcher.PollOffset?.ToString(CultureInfo.InvariantCulture) ?? "(none)");
        try
        {
            await PollAsync(stoppingToken);
        }
        finally
        {
            await dispatcher.DrainAsync(options.Value.ShutdownGrace);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            global::Telegram.Bot.Types.Update[] updates;
            try
            {
                updates = await api.GetUpdatesAsync(ToBotApiOffset(dispatcher.PollOffset), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestException or TelegramUnreachableException)
            {
                logger.LogError("getUpdates failed: {Reason}; polling again in {Delay}", api.Retry.Redact(ex.Message), PollFailureBackoff);
                if (!await PauseAsync(PollFailureBackoff, stoppingToken))
                {
                    return;
                }

                continue;
            }

            var fresh = updates.OrderBy(update => update.Id).Count(dispatcher.TryDispatch);
            if (fresh == 0 && !await PauseAsync(options.Value.IdlePollDelay, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await delay.WaitAsync(pause, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // Telegram.Bot types update ids as int; Telegram's are below 2^31 in practice (the API documents 32-bit ids).
    private static int? ToBotApiOffset(long? offset) => offset is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;
}
