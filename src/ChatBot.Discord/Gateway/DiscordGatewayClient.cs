using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Keeps the bot connected to the Discord gateway: discovers the URL, identifies, resumes after drops,
/// and hands every dispatch event to one callback. Ends only when cancelled or on a fatal close
/// (<see cref="DiscordGatewayFatalException"/>).
/// </summary>
public sealed class DiscordGatewayClient(
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordGatewayClient> logger)
{
    private readonly GatewaySession _session = new();

    /// <summary>The intents to identify with, from the options.</summary>
    public GatewayIntents Intents =>
        GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.DirectMessages
        | (options.Value.MessageContentIntent ? GatewayIntents.MessageContent : GatewayIntents.None);

    /// <param name="onDispatch">Called for every dispatch in order; must return quickly (queue slow work).</param>
    /// <param name="cancellationToken">Stops the client.</param>
    public async Task RunAsync(Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var backoff = new ReconnectBackoff(settings.ReconnectDelay, settings.MaxReconnectDelay, Random.Shared);
        var gatewayUrl = await DiscoverGatewayAsync(backoff, cancellationToken);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resume = _session.CanResume;
            var url = resume ? _session.ResumeUrl! : gatewayUrl;

            ConnectionOutcome outcome;
            await using (var connection = new GatewayConnection(_session, settings.Token, Intents, settings, time, Random.Shared, logger))
            {
                outcome = await connection.RunAsync(GatewayUri(url), resume, onDispatch, cancellationToken);
            }

            if (outcome.Established)
            {
                backoff.Reset();
            }

            switch (outcome.Action)
            {
                case CloseCodeAction.Fatal:
                    throw new DiscordGatewayFatalException($"Discord gateway refused the bot: {outcome.Reason}. The Discord side is stopped; the rest of the bot keeps running.");
                case CloseCodeAction.Reidentify:
                    _session.Reset();
                    break;
            }

            // After op 9 Discord asks for a random 1–5 s pause; scaled by ReconnectDelay (1 s by default) so tests stay fast.
            var delay = outcome.InvalidSession
                ? settings.ReconnectDelay * (1 + (4 * Random.Shared.NextDouble()))
                : backoff.Next();
            logger.LogWarning(
                "Discord gateway connection ended: {Reason}; {Next} in {DelayMs} ms",
                outcome.Reason,
                _session.CanResume ? "resuming" : "identifying afresh",
                (int)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<string> DiscoverGatewayAsync(ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var info = await rest.GetGatewayBotAsync(cancellationToken);
                if (info.SessionStartLimit is { Remaining: 0 } limit)
                {
                    // Identifying with none left would get the token reset by Discord; wait for the window instead.
                    logger.LogWarning("Discord identify limit reached; waiting {ResetAfterMs} ms before connecting", limit.ResetAfterMs);
                    await Task.Delay(TimeSpan.FromMilliseconds(limit.ResetAfterMs), time, cancellationToken);
                }

                return info.Url;
            }
            catch (DiscordApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            {
                throw new DiscordGatewayFatalException(
                    $"Discord rejected the bot token ({(int)ex.StatusCode} on GET /gateway/bot); set Discord:Token to a valid token. The Discord side is stopped; the rest of the bot keeps running.");
            }
            catch (Exception ex) when (ex is HttpRequestException or DiscordApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                logger.LogWarning("Could not reach Discord to find the gateway ({Error}); retrying in {DelayMs} ms", ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>Adds the version and encoding the client speaks to a gateway or resume URL.</summary>
    internal static Uri GatewayUri(string url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }
}
