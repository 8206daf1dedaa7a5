namespace ChatBot.Telegram.Api;

/// <summary>Waits on the host's <see cref="TimeProvider"/>.</summary>
public sealed class TimeProviderRetryDelay(TimeProvider time) : ITelegramRetryDelay
{
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}
