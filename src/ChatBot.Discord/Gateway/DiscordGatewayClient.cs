using ChatBot.Core.Diagnostics;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Keeps the bot connected to the Discord gateway: discovers the URL and the recommended shard count, runs this
/// process's shards (the configured <c>Discord:ShardId</c> of <c>Discord:ShardCount</c>, or all of them), identifies
/// within Discord's <c>max_concurrency</c> limit, resumes after drops, and hands every dispatch of every shard to one
/// callback. Ends only when cancelled or on a fatal close (<see cref="DiscordGatewayFatalException"/>), which stops
/// every shard.
/// </summary>
public sealed class DiscordGatewayClient(
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordGatewayClient> logger,
    ChatBotMetrics? metrics = null,
    PlatformConnections? connections = null)
{
    /// <summary>The intents to identify with, from the options.</summary>
    public GatewayIntents Intents =>
        GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.DirectMessages
        | (options.Value.MessageContentIntent ? GatewayIntents.MessageContent : GatewayIntents.None);

    /// <summary>The shards this process runs, known once the gateway has been discovered.</summary>
    public IReadOnlyList<GatewayShard> Shards { get; private set; } = [];

    /// <param name="onDispatch">Called for every dispatch in order (per shard); must return quickly (queue slow work).</param>
    /// <param name="cancellationToken">Stops the client.</param>
    public async Task RunAsync(Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var discovery = new ReconnectBackoff(settings.ReconnectDelay, settings.MaxReconnectDelay, Random.Shared);
        var gateway = await DiscoverGatewayAsync(discovery, cancellationToken);
        Shards = settings.ShardId is { } id && settings.ShardCount is { } count
            ? [new GatewayShard(id, count)]
            : [.. Enumerable.Range(0, Math.Max(1, gateway.Shards)).Select(shard => new GatewayShard(shard, Math.Max(1, gateway.Shards)))];
        var identifyGate = new IdentifyGate(gateway.SessionStartLimit?.MaxConcurrency ?? 1, settings.IdentifyInterval, time);
        logger.LogInformation(
            "Discord gateway: running shard(s) {Shards} (max_concurrency {MaxConcurrency})", string.Join(", ", Shards), identifyGate.MaxConcurrency);

        // One fatal shard stops them all: the token or intents are wrong for every one of them.
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Shards.Select(shard => RunShardAsync(shard, gateway.Url, identifyGate, onDispatch, stopAll)).ToList();
        await Task.WhenAll(running);
    }

    /// <summary>Reports the platform connected on READY or RESUMED (the dispatches that end a successful handshake).</summary>
    private Func<GatewayDispatch, CancellationToken, ValueTask> ObserveReady(Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch) =>
        connections is null
            ? onDispatch
            : (dispatch, ct) =>
            {
                if (dispatch.EventName is "READY" or "RESUMED")
                {
                    connections.Connected(DiscordPlatform.Name);
                }

                return onDispatch(dispatch, ct);
            };

    private async Task RunShardAsync(
        GatewayShard shard, string gatewayUrl, IdentifyGate identifyGate, Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch, CancellationTokenSource stopAll)
    {
        var settings = options.Value;
        var session = new GatewaySession();
        var backoff = new ReconnectBackoff(settings.ReconnectDelay, settings.MaxReconnectDelay, Random.Shared);
        var cancellationToken = stopAll.Token;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var resume = session.CanResume;
                var url = resume ? session.ResumeUrl! : gatewayUrl;
                ConnectionOutcome outcome;
                await using (var connection = new GatewayConnection(session, settings.Token, Intents, shard, identifyGate, settings, time, Random.Shared, logger))
                {
                    outcome = await connection.RunAsync(GatewayUri(url), resume, ObserveReady(onDispatch), cancellationToken);
                }

                if (outcome.Established)
                {
                    backoff.Reset();
                }

                connections?.Disconnected(DiscordPlatform.Name, $"gateway reconnecting ({outcome.Reason})");

                switch (outcome.Action)
                {
                    case CloseCodeAction.Fatal:
                        throw new DiscordGatewayFatalException($"Discord gateway refused the bot: {outcome.Reason}. The Discord side is stopped; the rest of the bot keeps running.");
                    case CloseCodeAction.Reidentify:
                        session.Reset();
                        break;
                }

                // After op 9 Discord asks for a random 1–5 s pause; scaled by ReconnectDelay (1 s by default) so tests stay fast.
                var delay = outcome.InvalidSession
                    ? settings.ReconnectDelay * (1 + (4 * Random.Shared.NextDouble()))
                    : backoff.Next();
                logger.LogWarning(
                    "Discord gateway connection of shard {Shard} ended: {Reason}; {Next} in {DelayMs} ms",
                    shard,
                    outcome.Reason,
                    session.CanResume ? "resuming" : "identifying afresh",
                    (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
                metrics?.GatewayReconnected(DiscordPlatform.Name);
            }
        }
        catch (DiscordGatewayFatalException ex)
        {
            connections?.Disconnected(DiscordPlatform.Name, ex.Message);
            await stopAll.CancelAsync();
            throw;
        }
    }

    private async Task<GatewayBotResponse> DiscoverGatewayAsync(ReconnectBackoff backoff, CancellationToken cancellationToken)
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

                return info;
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
