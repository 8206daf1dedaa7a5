using ChatBot.Core.Conversation;

namespace ChatBot.Telegram;

/// <summary>Configuration of the Telegram bot (section "Telegram"). Validated at start by <see cref="TelegramOptionsValidator"/>.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>Bot token from @BotFather ("123456:ABC…"). Secret: it is never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Bot API server; point it at a local server or a test fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// The scope of this bot's update claims across replicas: update ids count per bot, so the bot's id (the token's
    /// part before the colon, which is public) keeps two bots sharing one database apart.
    /// </summary>
    public string ClaimScope => "telegram:" + (Token ?? "").Split(':')[0];

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    public TelegramWebhookOptions Webhook { get; set; } = new();

    /// <summary>Long-polling timeout passed to getUpdates, in seconds (0 = short polling).</summary>
    public int PollTimeoutSeconds { get; set; } = 30;

    /// <summary>When not empty, only these chats (and, for inline queries, these users) are served.</summary>
    public List<long> AllowedChatIds { get; set; } = [];

    /// <summary>Questions per user per window.</summary>
    public QuestionRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>How many times one request is retried after 429 Too Many Requests before giving up.</summary>
    public int MaxRateLimitRetries { get; set; } = 10;

    /// <summary>How many times one request is retried after a network failure or 5xx.</summary>
    public int MaxNetworkRetries { get; set; } = 5;

    /// <summary>First back-off after a network failure; doubles each time, with jitter.</summary>
    public TimeSpan NetworkBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for one back-off step.</summary>
    public TimeSpan MaxNetworkBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-request timeout for everything except long polls (which add <see cref="PollTimeoutSeconds"/>).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many updates (of different chats) are handled at once; each chat's own updates always run in order.</summary>
    public int MaxConcurrentUpdates { get; set; } = 8;

    /// <summary>On stop, how long updates in flight may take to finish before they are cut off (and redelivered after the restart).</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after a poll that brought nothing new, so servers that answer at once never cause a tight loop.</summary>
    public TimeSpan IdlePollDelay { get; set; } = TimeSpan.FromSeconds(1);
}
