using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Discord.Tests.Fakes;

/// <summary>The fake's side of one client websocket.</summary>
internal sealed class FakeGatewayConnection(int number, WebSocket socket, HttpContext context)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public int Number { get; } = number;

    public WebSocket Socket { get; } = socket;

    /// <summary>Identified or resumed: dispatches go out on it.</summary>
    public bool Live { get; set; }

    /// <summary>The shard id the client identified with, when it sent one.</summary>
    public int? Shard { get; set; }

    /// <summary>Sequence numbers of this shard's own dispatches (READY was 1).</summary>
    public int ShardSequence;

    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (Socket.State == WebSocketState.Open)
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away; the test decides whether that matters.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await Socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Kills the TCP connection without a close frame, like a network drop.</summary>
    public void Drop() => context.Abort();
}
