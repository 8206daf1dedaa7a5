using ChatBot.Telegram.Api;
using System.Collections.Concurrent;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>Records the waits the client asks for and waits only a few milliseconds, keeping tests fast.</summary>
public sealed class RecordingRetryDelay : ITelegramRetryDelay
{
    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Requested.Enqueue(delay);
        return Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
    }
}
