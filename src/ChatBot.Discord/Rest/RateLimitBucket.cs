namespace ChatBot.Discord.Rest;

/// <summary>One rate-limit bucket: requests left and when it refills, as last reported by Discord.</summary>
internal sealed class RateLimitBucket
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private DateTimeOffset _resetAt;

    /// <summary>Waits while the bucket is known to be empty, then reserves one request from it.</summary>
    public async Task WaitForSlotAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_remaining is null || _remaining > 0 || now >= _resetAt)
                {
                    if (_remaining is > 0)
                    {
                        _remaining--;
                    }
                    else if (_remaining is not null && now >= _resetAt)
                    {
                        _remaining = null; // Refilled; the next response tells the real count.
                    }

                    return;
                }

                wait = _resetAt - now;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public void Update(int remaining, DateTimeOffset resetAt)
    {
        lock (_lock)
        {
            _remaining = remaining;
            _resetAt = resetAt;
        }
    }
}
