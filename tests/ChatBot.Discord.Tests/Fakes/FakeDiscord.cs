using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests.Fakes;

/// <summary>
/// A loopback Discord: REST under /api/v10 and a JSON gateway on websockets. It keeps one session with a
/// sequence-numbered event log (replayed on Resume) and lets a test drop the socket, send op 7 / op 9,
/// stop ACKing heartbeats, close with a code, or answer the next REST calls with 429.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string Token = "fake.bot-token_Zx9";
    public const string BotUserId = "100000000000000001";
    public const string ApplicationId = "200000000000000002";

    private readonly WebApplication _app;
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private readonly List<(int Seq, string Json)> _eventLog = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<GatewayFrame> _frames = new();
    private readonly ConcurrentQueue<InjectedRateLimit> _rateLimits = new();
    private int _requestCount;
    private int _connectionCount;
    private int _nextSeq;
    private int _nextMessageId = 500;
    private string? _sessionId;
    private (string PathContains, double ResetAfterSeconds)? _emptyBucket;
    private FakeGatewayConnection? _current;

    private FakeDiscord(WebApplication app) => _app = app;

    /// <summary>The shard count GET /gateway/bot recommends.</summary>
    public int Shards { get; set; } = 1;

    /// <summary>session_start_limit.max_concurrency in GET /gateway/bot.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The connection of each shard that identified (by shard id), for <see cref="DispatchToGuildAsync"/>.</summary>
    public ConcurrentDictionary<int, int> ShardConnections { get; } = new();

    private readonly ConcurrentDictionary<int, FakeGatewayConnection> _shardConnections = new();

    /// <summary>Hello's heartbeat interval. Short in tests so zombie detection is quick.</summary>
    public int HeartbeatIntervalMs { get; set; } = 1000;

    /// <summary>When false, heartbeats are received but never ACKed (a zombie connection).</summary>
    public bool AckHeartbeats { get; set; } = true;

    /// <summary>
    /// How many already-delivered events a Resume replays again (a real gateway may overlap); 0 replays only
    /// what the client missed.
    /// </summary>
    public int ResumeReplayOverlap { get; set; }

    public string ApiBaseUrl => $"{BaseUrl}/api/v10";

    private string BaseUrl { get; set; } = "";

    private string WsBaseUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<GatewayFrame> Frames => [.. _frames];

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>How each client connection ended: the close code the client sent, or 1006 when it just went away.</summary>
    public ConcurrentQueue<int> ClientCloseCodes { get; } = new();

    /// <summary>Query strings the gateway was opened with, per connection.</summary>
    public ConcurrentQueue<string> ConnectQueries { get; } = new();

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Map("/gateway", context => fake.AcceptGatewayAsync(context, "/gateway"));
        app.Map("/resume", context => fake.AcceptGatewayAsync(context, "/resume"));
        app.Map("/api/v10/{**path}", fake.HandleRestAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    // ---- Gateway controls ----

    /// <summary>Sends a dispatch with the next sequence number; kept in the log so a Resume replays it.</summary>
    public async Task<int> DispatchAsync(string eventName, object data)
    {
        await _sessionLock.WaitAsync();
        try
        {
            var seq = ++_nextSeq;
            var json = JsonSerializer.Serialize(new { op = 0, s = seq, t = eventName, d = data });
            _eventLog.Add((seq, json));
            if (_current is { Live: true } live)
            {
                await live.SendAsync(json);
            }

            return seq;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>
    /// Sends a guild event on the shard Discord routes it to, <c>(guild_id &gt;&gt; 22) % shard count</c>; returns that
    /// shard. No other connection sees it.
    /// </summary>
    public async Task<int> DispatchToGuildAsync(string guildId, string eventName, object data)
    {
        var shard = (int)((ulong.Parse(guildId, System.Globalization.CultureInfo.InvariantCulture) >> 22) % (ulong)Shards);
        if (!_shardConnections.TryGetValue(shard, out var connection))
        {
            throw new InvalidOperationException($"No client identified as shard {shard}");
        }

        var json = JsonSerializer.Serialize(new { op = 0, s = Interlocked.Increment(ref connection.ShardSequence), t = eventName, d = data });
        await connection.SendAsync(json);
        return shard;
    }

    /// <summary>Breaks the current socket without a close frame.</summary>
    public Task DropAsync() => WithCurrentAsync(c =>
    {
        c.Live = false;
        c.Drop();
        return Task.CompletedTask;
    });

    public Task SendReconnectAsync() => WithCurrentAsync(c => c.SendAsync("""{"op":7,"d":null}"""));

    public Task SendInvalidSessionAsync(bool resumable) => WithCurrentAsync(c =>
    {
        if (!resumable)
        {
            _sessionId = null;
        }

        return c.SendAsync($$"""{"op":9,"d":{{(resumable ? "true" : "false")}}}""");
    });

    public Task CloseAsync(int code) => WithCurrentAsync(c =>
    {
        c.Live = false;
        return c.CloseAsync(code, $"closed by test with {code}");
    });

    private async Task WithCurrentAsync(Func<FakeGatewayConnection, Task> action)
    {
        await _sessionLock.WaitAsync();
        try
        {
            if (_current is { } c)
            {
                await action(c);
            }
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    // ---- REST controls ----

    /// <summary>The next request whose path contains <paramref name="pathContains"/> gets a 429 with this retry_after.</summary>
    public void InjectRateLimit(string pathContains, double retryAfterSeconds, bool global = false) =>
        _rateLimits.Enqueue(new InjectedRateLimit(pathContains, retryAfterSeconds, global));

    /// <summary>
    /// Responses to paths containing <paramref name="pathContains"/> report an empty bucket that refills after
    /// <paramref name="resetAfterSeconds"/>; a client that honours the headers waits before the next such request.
    /// </summary>
    public void ReportEmptyBucket(string pathContains, double resetAfterSeconds) => _emptyBucket = (pathContains, resetAfterSeconds);

    // ---- Waiting ----

    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, int occurrence = 1) =>
        Eventually.ValueAsync(() => Requests.Where(match).Skip(occurrence - 1).FirstOrDefault());

    public Task<GatewayFrame> WaitForFrameAsync(Func<GatewayFrame, bool> match, int occurrence = 1) =>
        Eventually.ValueAsync(() => Frames.Where(match).Skip(occurrence - 1).FirstOrDefault());

    /// <summary>Waits until the client is identified or resumed on a connection, so dispatches reach it.</summary>
    public Task WaitUntilLiveAsync(int connection) =>
        Eventually.TrueAsync(() => _current is { Live: true } c && c.Number >= connection);

    // ---- Server ----

    private async Task AcceptGatewayAsync(HttpContext context, string endpoint)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        ConnectQueries.Enqueue(endpoint + context.Request.QueryString.Value);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeGatewayConnection(Interlocked.Increment(ref _connectionCount), socket, context);
        await _sessionLock.WaitAsync();
        try
        {
            if (_current is { } previous)
            {
                previous.Live = false;
            }

            _current = connection;
        }
        finally
        {
            _sessionLock.Release();
        }

        await connection.SendAsync("{\"op\":10,\"d\":{\"heartbeat_interval\":" + HeartbeatIntervalMs + "}}");
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var text = await ReceiveTextAsync(socket);
                if (text is null)
                {
                    // The client sent a close frame: note its code and complete the handshake like Discord does.
                    ClientCloseCodes.Enqueue((int?)socket.CloseStatus ?? 1005);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    break;
                }

                using var frame = JsonDocument.Parse(text);
                var op = frame.RootElement.GetProperty("op").GetInt32();
                var data = frame.RootElement.TryGetProperty("d", out var d) ? d.Clone() : default;
                _frames.Enqueue(new GatewayFrame(connection.Number, endpoint, op, data, DateTimeOffset.UtcNow));
                await OnClientFrameAsync(connection, op, data);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ConnectionAbortedException or IOException)
        {
            // Dropped by the test or by the client, without a close frame: what Discord sees as 1006.
            ClientCloseCodes.Enqueue(1006);
        }
        finally
        {
            connection.Live = false;
        }
    }

    private async Task OnClientFrameAsync(FakeGatewayConnection connection, int op, JsonElement data)
    {
        switch (op)
        {
            case 1 when AckHeartbeats:
                await connection.SendAsync("""{"op":11}""");
                break;

            case 2:
                if (data.GetProperty("token").GetString() != Token)
                {
                    await connection.CloseAsync(4004, "Authentication failed.");
                    return;
                }

                await _sessionLock.WaitAsync();
                try
                {
                    _sessionId = $"session-{connection.Number}";
                    _eventLog.Clear();
                    _nextSeq = 0;
                    var seq = ++_nextSeq;
                    var ready = new
                    {
                        v = 10,
                        session_id = _sessionId,
                        resume_gateway_url = WsBaseUrl + "/resume",
                        user = new { id = BotUserId, username = "chatbot", bot = true },
                        application = new { id = ApplicationId, flags = 0 },
                        guilds = Array.Empty<object>(),
                    };
                    var json = JsonSerializer.Serialize(new { op = 0, s = seq, t = "READY", d = ready });
                    _eventLog.Add((seq, json));
                    connection.Live = true;
                    if (data.TryGetProperty("shard", out var shard) && shard.ValueKind == JsonValueKind.Array)
                    {
                        connection.Shard = shard[0].GetInt32();
                        connection.ShardSequence = seq;
                        _shardConnections[shard[0].GetInt32()] = connection;
                        ShardConnections[shard[0].GetInt32()] = connection.Number;
                    }

                    await connection.SendAsync(json);
                }
                finally
                {
                    _sessionLock.Release();
                }

                break;

            case 6:
                await _sessionLock.WaitAsync();
                try
                {
                    var sessionOk = data.GetProperty("token").GetString() == Token && data.GetProperty("session_id").GetString() == _sessionId && _sessionId is not null;
                    if (!sessionOk)
                    {
                        await connection.SendAsync("""{"op":9,"d":false}""");
                        return;
                    }

                    var after = data.GetProperty("seq").ValueKind == JsonValueKind.Number ? data.GetProperty("seq").GetInt32() : 0;
                    foreach (var (seq, json) in _eventLog.Where(e => e.Seq > after - ResumeReplayOverlap && e.Seq > 1))
                    {
                        await connection.SendAsync(json);
                    }

                    var resumedSeq = ++_nextSeq;
                    var resumed = JsonSerializer.Serialize(new { op = 0, s = resumedSeq, t = "RESUMED", d = new { } });
                    _eventLog.Add((resumedSeq, resumed));
                    connection.Live = true;
                    await connection.SendAsync(resumed);
                }
                finally
                {
                    _sessionLock.Release();
                }

                break;
        }
    }

    private static async Task<string?> ReceiveTextAsync(WebSocket socket)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    private async Task HandleRestAsync(HttpContext context)
    {
        var path = "/" + (string?)context.Request.RouteValues["path"];
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync();
        }

        var (status, response) = Respond(context.Request.Method, path, context.Request.Headers.Authorization.ToString(), context.Response);
        _requests.Enqueue(new RecordedRequest(
            Interlocked.Increment(ref _requestCount),
            context.Request.Method,
            path,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.UserAgent.ToString(),
            body,
            DateTimeOffset.UtcNow,
            status));

        context.Response.StatusCode = status;
        if (response is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
    }

    private (int Status, JsonNode? Body) Respond(string method, string path, string authorization, HttpResponse response)
    {
        if (authorization != "Bot " + Token)
        {
            return (401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
        }

        if (_rateLimits.TryPeek(out var limit) && path.Contains(limit.PathContains, StringComparison.Ordinal) && _rateLimits.TryDequeue(out limit))
        {
            response.Headers["X-RateLimit-Scope"] = limit.Global ? "global" : "user";
            if (limit.Global)
            {
                response.Headers["X-RateLimit-Global"] = "true";
            }

            return (429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = limit.RetryAfterSeconds, ["global"] = limit.Global });
        }

        response.Headers["X-RateLimit-Bucket"] = "bucket-" + method + path.Split('/').ElementAtOrDefault(1);
        response.Headers["X-RateLimit-Limit"] = "50";
        response.Headers["X-RateLimit-Remaining"] = "49";
        response.Headers["X-RateLimit-Reset-After"] = "1.0";
        if (_emptyBucket is { } empty && path.Contains(empty.PathContains, StringComparison.Ordinal))
        {
            response.Headers["X-RateLimit-Remaining"] = "0";
            response.Headers["X-RateLimit-Reset-After"] = empty.ResetAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (method, path) switch
        {
            ("GET", "/gateway/bot") => (200, new JsonObject
            {
                ["url"] = WsBaseUrl + "/gateway",
                ["shards"] = Shards,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 1000, ["max_concurrency"] = MaxConcurrency },
            }),
            ("POST", _) when path.EndsWith("/typing", StringComparison.Ordinal) => (204, null),
            ("POST", _) when path.StartsWith("/channels/", StringComparison.Ordinal) && path.EndsWith("/messages", StringComparison.Ordinal) =>
                (200, new JsonObject { ["id"] = Interlocked.Increment(ref _nextMessageId).ToString(), ["channel_id"] = path.Split('/')[2] }),
            ("PUT", _) when path.StartsWith("/applications/", StringComparison.Ordinal) && path.EndsWith("/commands", StringComparison.Ordinal) =>
                (200, new JsonArray()),
            ("POST", _) when path.StartsWith("/interactions/", StringComparison.Ordinal) && path.EndsWith("/callback", StringComparison.Ordinal) => (204, null),
            ("PATCH", _) when path.StartsWith($"/webhooks/{ApplicationId}/", StringComparison.Ordinal) && path.EndsWith("/messages/@original", StringComparison.Ordinal) =>
                (200, new JsonObject { ["id"] = Interlocked.Increment(ref _nextMessageId).ToString() }),
            _ => (404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 }),
        };
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private sealed record InjectedRateLimit(string PathContains, double RetryAfterSeconds, bool Global);
}
