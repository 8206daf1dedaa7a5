namespace ChatBot.Telegram;

/// <summary>Settings for <see cref="TelegramMode.Webhook"/> (section "Telegram:Webhook").</summary>
public sealed class TelegramWebhookOptions
{
    /// <summary>Public URL Telegram posts to, e.g. https://bot.example.com/telegram/webhook. Its path is served locally.</summary>
    public string? Url { get; set; }

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; 1–256 characters of A–Z, a–z, 0–9, _ and -.</summary>
    public string? SecretToken { get; set; }

    /// <summary>Local address Kestrel listens on, e.g. http://0.0.0.0:8080 (TLS usually ends at a proxy in front).</summary>
    public string ListenUrl { get; set; } = "http://0.0.0.0:8080";

    /// <summary>
    /// Largest update body accepted, in bytes; a larger one is refused with 413 before it is read. Telegram's real
    /// updates are a few kilobytes (a message is at most 4,096 characters), so 1 MiB leaves ample room.
    /// </summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Maximum simultaneous HTTPS connections Telegram opens to the webhook (1–100).</summary>
    public int MaxConnections { get; set; } = 40;
}
