using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Bot;

/// <summary>
/// Shows "Bot is typing…" in a channel while an answer is prepared, refreshing it before Discord's ~10 s
/// expiry. Failures are only logged: the indicator is a courtesy, never a reason to drop an answer.
/// </summary>
internal sealed class TypingIndicator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _refresh;

    private TypingIndicator(CancellationTokenSource stop, Task refresh)
    {
        _stop = stop;
        _refresh = refresh;
    }

    /// <summary>Sends the first typing signal before returning, so it is visible before the answer arrives.</summary>
    public static async Task<TypingIndicator> StartAsync(
        DiscordRestClient rest, string channelId, TimeSpan refreshInterval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await TriggerAsync(rest, channelId, logger, cancellationToken);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var refresh = RefreshAsync(rest, channelId, refreshInterval, time, logger, stop.Token);
        return new TypingIndicator(stop, refresh);
    }

    private static async Task RefreshAsync(DiscordRestClient rest, string channelId, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, cancellationToken);
                await TriggerAsync(rest, channelId, logger, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The answer is ready.
        }
    }

    private static async Task TriggerAsync(DiscordRestClient rest, string channelId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await rest.TriggerTypingAsync(channelId, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or DiscordApiException)
        {
            logger.LogDebug("Typing indicator failed: {Error}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _refresh;
        _stop.Dispose();
    }
}
