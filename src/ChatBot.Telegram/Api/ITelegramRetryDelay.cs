namespace ChatBot.Telegram.Api;

/// <summary>
/// Waits before a retry. Separate from the client so tests can shorten the real waits
/// (Telegram's retry_after is whole seconds) while still checking what was asked for.
/// </summary>
public interface ITelegramRetryDelay
{
    Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken);
}
