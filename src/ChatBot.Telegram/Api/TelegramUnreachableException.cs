namespace ChatBot.Telegram.Api;

/// <summary>
/// The Bot API could not be reached after the configured retries. The transport exception is not kept as the inner
/// exception: its text could carry the request URL, and the URL carries the bot token.
/// </summary>
public sealed class TelegramUnreachableException(string method, int attempts, string reason)
    : Exception($"Telegram {method} unreachable after {attempts} attempt(s): {reason}")
{
    public string Method { get; } = method;
}
