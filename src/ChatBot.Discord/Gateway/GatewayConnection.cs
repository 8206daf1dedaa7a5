using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// One websocket connection to the gateway: Hello, Identify or Resume, heartbeats with ACK tracking,
/// and the receive loop. It ends with a <see cref="ConnectionOutcome"/>; reconnecting is the caller's job.
/// </summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _receiveAbort = new();
    private readonly SlidingWindowGate _sendGate;
    private readonly GatewaySession _session;
    private readonly string _token;
    private readonly GatewayIntents _intents;
    private readonly GatewayShard _shard;
    private readonly IdentifyGate _identifyGate;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private volatile bool _heartbeatAcknowledged = true;
    private volatile bool _zombie;

    public GatewayConnection(
        GatewaySession session,
        string token,
        GatewayIntents intents,
        GatewayShard shard,
        IdentifyGate identifyGate,
        DiscordOptions options,
        TimeProvider time,
        Random random,
        ILogger logger)
    {
        _session = session;
        _token = token;
        _intents = intents;
        _shard = shard;
        _identifyGate = identifyGate;
        _time = time;
        _random = random;
        _logger = logger;
        _sendGate = new SlidingWindowGate(options.GatewaySendLimit, options.GatewaySendWindow, time);
    }

    public async Task<ConnectionOutcome> RunAsync(
        Uri gatewayUri,
        bool resume,
        Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch,
        CancellationToken cancellationToken)
    {
        var established = false;
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task heartbeat = Task.CompletedTask;
        try
        {
            GatewayPayload? hello;
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // A gateway that accepts TCP but never says Hello must not hang the bot forever.
                handshake.CancelAfter(HandshakeTimeout);
                await _socket.ConnectAsync(gatewayUri, handshake.Token);
                hello = await ReceiveAsync(handshake.Token);
            }

            if (hello is null || hello.Op != GatewayOpCode.Hello)
            {
                return CloseOutcome(established, "the gateway did not start with Hello");
            }

            var interval = TimeSpan.FromMilliseconds(hello.Data.Deserialize<HelloData>()!.HeartbeatIntervalMs);
            heartbeat = HeartbeatLoopAsync(interval, connectionCts.Token);

            if (resume)
            {
                var sessionId = _session.SessionId!;
                _logger.LogInformation("Resuming Discord gateway session at sequence {Sequence}", _session.Sequence);
                await SendAsync(GatewayOpCode.Resume, new ResumeData(_token, sessionId, _session.Sequence), cancellationToken);
            }
            else
            {
                // The limit counts IDENTIFY frames, so the turn is taken here, with heartbeats already running.
                using (await _identifyGate.WaitTurnAsync(_shard, cancellationToken))
                {
                    await SendAsync(
                        GatewayOpCode.Identify,
                        new IdentifyData(
                            _token,
                            (int)_intents,
                            new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "ChatBot", "ChatBot"),
                            _shard.ToIdentifyField()),
                        cancellationToken);
                }
            }

            // On stop, close with 1000 so Discord ends the session and shows the bot offline at once; the receive below
            // is not cancelled by the stop (that would abort the socket: 1006) but ends with the server's close reply.
            using var closeOnStop = cancellationToken.Register(() => _ = CloseNormallyAsync());
            while (true)
            {
                var payload = await ReceiveAsync(_receiveAbort.Token);
                if (payload is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return CloseOutcome(established, "the gateway closed the connection");
                }

                if (payload.Sequence is { } sequence)
                {
                    _session.Observe(sequence);
                }

                switch (payload.Op)
                {
                    case GatewayOpCode.Dispatch:
                        if (payload.EventName == "READY")
                        {
                            var ready = payload.Data.Deserialize<ReadyData>()!;
                            _session.Started(ready.SessionId, ready.ResumeGatewayUrl);
                            established = true;
                            _logger.LogInformation("Discord gateway shard {Shard} ready as user {UserId}", _shard, ready.User.Id);
                        }
                        else if (payload.EventName == "RESUMED")
                        {
                            established = true;
                            _logger.LogInformation("Discord gateway session resumed");
                        }

                        if (payload.EventName is { } name && payload.Sequence is { } s)
                        {
                            await onDispatch(new GatewayDispatch(name, s, payload.Data), cancellationToken);
                        }

                        break;

                    case GatewayOpCode.Heartbeat:
                        // The server asks for a beat right now.
                        await SendHeartbeatAsync(cancellationToken);
                        break;

                    case GatewayOpCode.HeartbeatAck:
                        _heartbeatAcknowledged = true;
                        break;

                    case GatewayOpCode.Reconnect:
                        await CloseForResumeAsync();
                        return new ConnectionOutcome(CloseCodeAction.Resume, "the gateway asked to reconnect (op 7)", established);

                    case GatewayOpCode.InvalidSession:
                        var resumable = payload.Data.ValueKind == JsonValueKind.True;
                        await CloseForResumeAsync();
                        return new ConnectionOutcome(
                            resumable ? CloseCodeAction.Resume : CloseCodeAction.Reidentify,
                            $"the gateway invalidated the session (op 9, resumable: {resumable})",
                            established,
                            InvalidSession: true);
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Stopping: the close frame (1000) has been sent by CloseNormallyAsync, or the socket was never open.
            throw new OperationCanceledException("The Discord gateway connection was closed for shutdown.", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            if (_zombie)
            {
                return new ConnectionOutcome(CloseCodeAction.Resume, "no heartbeat ACK since the last heartbeat (zombie connection)", established);
            }

            return new ConnectionOutcome(CloseCodeAction.Resume, $"the connection dropped ({ex.GetType().Name})", established);
        }
        finally
        {
            await connectionCts.CancelAsync();
            try
            {
                await heartbeat;
            }
            catch (OperationCanceledException)
            {
                // The heartbeat loop ends with the connection.
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException)
            {
                _logger.LogDebug("Heartbeat loop ended with {Error}", ex.Message);
            }
        }
    }

    private ConnectionOutcome CloseOutcome(bool established, string fallbackReason)
    {
        if (_zombie)
        {
            return new ConnectionOutcome(CloseCodeAction.Resume, "no heartbeat ACK since the last heartbeat (zombie connection)", established);
        }

        var code = (int?)_socket.CloseStatus;
        var action = GatewayCloseCodes.Classify(code);
        var reason = code is { } c
            ? action == CloseCodeAction.Fatal ? GatewayCloseCodes.Describe(c) : $"the gateway closed with code {c} ({_socket.CloseStatusDescription})"
            : fallbackReason;
        return new ConnectionOutcome(action, reason, established);
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        // The first beat is jittered so that many clients reconnecting at once do not beat in step.
        await Task.Delay(interval * _random.NextDouble(), _time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!_heartbeatAcknowledged)
            {
                _logger.LogWarning("No heartbeat ACK from the Discord gateway since the last heartbeat; reconnecting");
                _zombie = true;
                await CloseForResumeAsync();
                return;
            }

            _heartbeatAcknowledged = false;
            try
            {
                await SendHeartbeatAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
            {
                return; // The receive loop notices the broken socket.
            }

            await Task.Delay(interval, _time, cancellationToken);
        }
    }

    private Task SendHeartbeatAsync(CancellationToken cancellationToken) =>
        SendAsync(GatewayOpCode.Heartbeat, _session.Sequence, cancellationToken);

    private async Task SendAsync<T>(int op, T data, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new OutgoingGatewayPayload<T>(op, data));
        await _sendGate.WaitAsync(cancellationToken);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads one whole frame; null when the server closed the socket.</summary>
    private async Task<GatewayPayload?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await _socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize<GatewayPayload>(buffer.WrittenSpan);
            }
        }
    }

    /// <summary>
    /// Closes with 1000 (Normal Closure) for shutdown: Discord ends the session, so the bot is shown offline at once
    /// instead of after the session times out. Waits for the send lock so the close frame never interleaves with
    /// another frame, and gives the server <see cref="CloseTimeout"/> to answer before the receive is aborted.
    /// </summary>
    private async Task CloseNormallyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "shutting down", timeout.Token);
                    _logger.LogInformation("Discord gateway closed with 1000 (shutting down)");
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug("Closing the Discord gateway cleanly failed: {Error}", ex.Message);
        }

        _receiveAbort.CancelAfter(CloseTimeout);
    }

    /// <summary>Closes with a non-1000 code, which keeps the session resumable, and never waits long for the peer.</summary>
    private async Task CloseForResumeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)GatewayCloseCodes.ClientWantsResume, "reconnecting", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already broken; aborting below is enough.
        }

        _socket.Abort();
    }

    public ValueTask DisposeAsync()
    {
        _receiveAbort.Dispose();
        _socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
