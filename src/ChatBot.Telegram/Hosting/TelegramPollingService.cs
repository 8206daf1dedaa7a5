using System.Globalization;
using ChatBot.Core.Coordination;
using ChatBot.Core.State;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Bot;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Telegram.Hosting;

/// <summary>
/// Long-polling loop. After each handled update the next offset is stored in <see cref="IBotStateStore"/>, so a restart
/// continues after the last answered update: nothing is lost and nothing is answered twice. A failing update is logged
/// and skipped so it cannot stall the loop. Telegram allows one getUpdates client per bot, so with several replicas
/// only the leader of <see cref="LeaderRole"/> polls; the others wait and one takes over when it dies. Updates are
/// claimed as in webhook mode, so one answered by a leader that died before storing the offset is not answered again.
/// </summary>
public sealed class TelegramPollingService(
    TelegramBotClient client,
    TelegramBotStartup startup,
    TelegramUpdateHandler handler,
    ILeaderElection leaders,
    OnceAcrossReplicas once,
    IBotStateStore state,
    ITelegramRetryDelay delay,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    public const string OffsetStateKey = "telegram:update-offset";

    private static readonly TimeSpan PollFailureBackoff = TimeSpan.FromSeconds(5);

    public const string LeaderRole = "telegram-polling";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await using var leadership = await leaders.AcquireAsync(LeaderRole, stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
            try
            {
                if (!await PollAsync(leading.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (leadership.Lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
            }

            if (leadership.Lost.IsCancellationRequested)
            {
                logger.LogWarning("No longer the Telegram polling leader; waiting to lead again");
            }
        }
    }

    /// <summary>Polls until cancelled; false when the bot could not start at all.</summary>
    private async Task<bool> PollAsync(CancellationToken stoppingToken)
    {
        // getUpdates is refused while a webhook is set, so remove any left from webhook mode.
        if (!await startup.TryStartAsync(ct => client.DeleteWebhookAsync(dropPendingUpdates: false, ct), stoppingToken))
        {
            return false;
        }

        var offset = await LoadOffsetAsync(stoppingToken);
        logger.LogInformation("Polling Telegram updates from offset {Offset}", offset?.ToString(CultureInfo.InvariantCulture) ?? "(none)");
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<Update> updates;
            try
            {
                updates = await client.GetUpdatesAsync(offset, options.Value.PollTimeoutSeconds, Update.HandledKinds, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is TelegramApiException or TelegramNetworkException)
            {
                logger.LogError("getUpdates failed: {Reason}; polling again in {Delay}", ex.Message, PollFailureBackoff);
                await delay.WaitAsync(PollFailureBackoff, stoppingToken);
                continue;
            }

            foreach (var update in updates.OrderBy(update => update.UpdateId))
            {
                if (offset is { } current && update.UpdateId < current)
                {
                    continue;
                }

                try
                {
                    var outcome = await once.RunAsync(TelegramWebhookReceiver.ClaimScope(options.Value), update.UpdateId, ct => handler.HandleAsync(update, ct), stoppingToken);
                    if (outcome == ClaimOutcome.InProgressElsewhere)
                    {
                        // A previous leader is still answering it: confirm nothing yet; it comes back with the next poll.
                        await delay.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                        break;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Not handled: leave the offset so the update is delivered again after the restart.
                    return true;
                }
                catch (CoordinationUnavailableException ex)
                {
                    // Not handled either: confirm nothing and fetch it again once the store is back.
                    logger.LogWarning("Update {UpdateId} not taken: {Reason}; polling again in {Delay}", update.UpdateId, ex.Message, PollFailureBackoff);
                    await delay.WaitAsync(PollFailureBackoff, stoppingToken);
                    break;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Update {UpdateId} failed and is skipped", update.UpdateId);
                }

                offset = update.UpdateId + 1;
                // Not cancellable: the update has been answered, so its confirmation must be kept even while stopping.
                await state.SetAsync(OffsetStateKey, offset.Value.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            }
        }

        return true;
    }

    private async Task<long?> LoadOffsetAsync(CancellationToken cancellationToken)
    {
        var stored = await state.GetAsync(OffsetStateKey, cancellationToken);
        return long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : null;
    }
}
