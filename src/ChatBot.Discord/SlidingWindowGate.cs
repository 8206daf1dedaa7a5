namespace ChatBot.Discord;

/// <summary>
/// Lets at most <c>limit</c> callers through per sliding <c>window</c>, making the rest wait for a slot.
/// Used for the gateway's 120 events / 60 s and REST's global 50 requests / s, so neither is ever exceeded.
/// </summary>
internal sealed class SlidingWindowGate(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Lock _lock = new();

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_recent.Count > 0 && _recent.Peek() <= now - window)
                {
                    _recent.Dequeue();
                }

                if (_recent.Count < limit)
                {
                    _recent.Enqueue(now);
                    return;
                }

                wait = _recent.Peek() + window - now;
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }
}
