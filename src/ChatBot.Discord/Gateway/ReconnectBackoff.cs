namespace ChatBot.Discord.Gateway;

/// <summary>
/// Exponential backoff with jitter between reconnects, so a flapping connection neither hammers Discord
/// (many failed connects can get the IP banned) nor reconnects in lock-step with other clients.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Random random)
{
    private int _failures;

    /// <summary>Delay before the next attempt; each call without <see cref="Reset"/> doubles the base delay.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 20);
        _failures++;
        var baseDelay = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        // Uniform in [base/2, base): keeps growth while spreading clients apart.
        return TimeSpan.FromMilliseconds(baseDelay * (0.5 + (random.NextDouble() / 2)));
    }

    public void Reset() => _failures = 0;
}
