using ChatBot.Core.Diagnostics;
using System.Globalization;
using ChatBot.Core.Coordination;
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
/// is in flight (bounded by <see cref="TelegramOptions.ShutdownGrace"/>) and save the position. Telegram allows one
/// getUpdates client per bot, so with several replicas only the leader of <see cref="LeaderRole"/> polls; the others
/// wait, and one takes over (from the stored position) when the leader dies. Losing leadership ends the term like a
/// stop does; updates are claimed as in webhook mode, so none is answered twice across terms.
/// </summary>
public sealed class TelegramPollingService(
    TelegramApi api,
    ILeaderElection leaders,
    TelegramBotStartup startup,
    TelegramUpdateDispatcher dispatcher,
    TelegramOffsetStore offsets,
    ITelegramRetryDelay delay,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPollingService> logger,
    PlatformConnections? connections = null) : BackgroundService
{
    public const string OffsetStateKey = TelegramOffsetStore.OffsetKey;

    public const string LeaderRole = "telegram-polling";

    private static readonly TimeSpan PollFailureBackoff = TimeSpan.FromSeconds(5);

    /// <summary>A replica that has not won the election by then reports itself standing by (ready) rather than connecting.</summary>
    private static readonly TimeSpan StandbyAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var leadership = await AcquireLeadershipAsync(stoppingToken);
            if (leadership is null)
            {
                return;
            }

            await using (leadership)
            {
                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
                try
                {
                    if (!await LeadAsync(leading.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (leading.IsCancellationRequested)
                {
                }
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("No longer the Telegram polling leader; waiting to lead again");
            }
        }
    }

    /// <summary>Waits until this replica leads polling; null when stopping first. An unreachable store is retried.</summary>
    private async Task<ILeadership?> AcquireLeadershipAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var acquiring = leaders.AcquireAsync(LeaderRole, stoppingToken);
                if (connections is not null && await Task.WhenAny(acquiring, Task.Delay(StandbyAfter, stoppingToken)) != acquiring)
                {
                    // Telegram allows one poller: a replica waiting to lead takes no Telegram traffic, so it is not unready for it.
                    connections.Connected(TelegramBotStartup.PlatformName, "standby (another replica polls)");
                }

                var leadership = await acquiring;
                connections?.Disconnected(TelegramBotStartup.PlatformName, "connecting");
                return leadership;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Cannot take part in the Telegram polling election: {Reason}; trying again in {Delay}", ex.Message, PollFailureBackoff);
                if (!await PauseAsync(PollFailureBackoff, stoppingToken))
                {
                    return null;
                }
            }
        }
    }

    /// <summary>One leadership term: polls until stopped or leadership is lost; false when the bot cannot start at all.</summary>
    private async Task<bool> LeadAsync(CancellationToken leading)
    {
        // getUpdates is refused while a webhook is set, so remove any left from webhook mode.
        if (!await startup.TryStartAsync(api.DeleteWebhookAsync, leading))
        {
            return false;
        }

        dispatcher.Restore(await offsets.LoadAsync(leading));
        logger.LogInformation("Polling Telegram updates from offset {Offset}", dispatcher.PollOffset?.ToString(CultureInfo.InvariantCulture) ?? "(none)");
        try
        {
            await PollAsync(leading);
        }
        finally
        {
            await dispatcher.DrainAsync(options.Value.ShutdownGrace);
        }

        return true;
    }

    private async Task PollAsync(CancellationToken leading)
    {
        while (!leading.IsCancellationRequested)
        {
            global::Telegram.Bot.Types.Update[] updates;
            try
            {
                updates = await api.GetUpdatesAsync(ToBotApiOffset(dispatcher.PollOffset), leading);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestException or TelegramUnreachableException)
            {
                logger.LogError("getUpdates failed: {Reason}; polling again in {Delay}", api.Retry.Redact(ex.Message), PollFailureBackoff);
                if (!await PauseAsync(PollFailureBackoff, leading))
                {
                    return;
                }

                continue;
            }

            var fresh = updates.OrderBy(update => update.Id).Count(dispatcher.TryDispatch);
            if (fresh == 0 && !await PauseAsync(options.Value.IdlePollDelay, leading))
            {
                return;
            }
        }
    }

    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            await delay.WaitAsync(pause, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // Telegram.Bot types update ids as int; Telegram's are below 2^31 in practice (the API documents 32-bit ids).
    private static int? ToBotApiOffset(long? offset) => offset is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;
}
