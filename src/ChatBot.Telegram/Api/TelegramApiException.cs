namespace ChatBot.Telegram.Api;

/// <summary>
/// The Bot API answered <c>ok:false</c> and retrying will not help (e.g. 400 chat not found, 403 bot blocked).
/// The message holds the method and Telegram's description, never the request URL (which contains the token).
/// </summary>
public sealed class TelegramApiException(string method, int errorCode, string description, ResponseParameters? parameters)
    : Exception($"Telegram {method} failed: {errorCode} {description}")
{
    public string Method { get; } = method;

    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;

    public ResponseParameters? Parameters { get; } = parameters;

    /// <summary>400/403: this chat cannot be written to (not found, blocked, kicked); final for that chat.</summary>
    public bool IsFinalForChat => ErrorCode is 400 or 403;
}
