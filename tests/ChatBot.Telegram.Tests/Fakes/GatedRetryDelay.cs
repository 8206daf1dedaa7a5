using System.Collections.Concurrent;
using ChatBot.Telegram.Api;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>
/// Holds every wait of at least <see cref="GateFrom"/> until the test opens the gate (a flood wait that "lasts" as long
/// as the test wants, without sleeping); shorter waits pass after a few milliseconds.
/// </summary>
public sealed class GatedRetryDelay(TimeSpan gateFrom) : ITelegramRetryDelay
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan GateFrom => gateFrom;

    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    /// <summary>Completes when the first long wait has started.</summary>
    public Task LongWaitStarted => _gated.Task;

    public void Open() => _open.TrySetResult();

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Requested.Enqueue(delay);
        if (delay < gateFrom)
        {
            return Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }

        _gated.TrySetResult();
        return _open.Task.WaitAsync(cancellationToken);
    }
}
