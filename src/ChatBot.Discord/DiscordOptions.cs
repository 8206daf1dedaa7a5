using ChatBot.Core.Conversation;

namespace ChatBot.Discord;

/// <summary>Settings of the Discord side, bound from the "Discord" configuration section.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token from the developer portal, without the "Bot " prefix. Never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>REST base URL; the gateway URL is then discovered through <c>GET /gateway/bot</c>.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>When set, <c>/ask</c> is registered to this guild only (updates are instant); otherwise globally.</summary>
    public string? GuildId { get; set; }

    /// <summary>
    /// Requests the privileged MESSAGE_CONTENT intent. Without it the bot still sees mentions, DMs and replies
    /// to itself, which is all it answers; enable only when the intent is granted in the developer portal.
    /// </summary>
    public bool MessageContentIntent { get; set; }

    /// <summary>When not empty, messages and commands from other guilds are ignored. DMs are always answered.</summary>
    public List<string> AllowedGuildIds { get; set; } = [];

    /// <summary>Questions per user per window, shared by messages and <c>/ask</c>.</summary>
    public QuestionRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Upper bound on passages quoted in one answer (each becomes one embed).</summary>
    public int MaxPassages { get; set; } = 3;

    /// <summary>First delay before reconnecting after a failure; doubles per failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many events the client may send on one gateway connection per <see cref="GatewaySendWindow"/>.</summary>
    public int GatewaySendLimit { get; set; } = 120;

    public TimeSpan GatewaySendWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The one gateway shard this process runs (0-based), with <see cref="ShardCount"/>: each replica owns its shards
    /// and answers what arrives on them. Leave both unset for one process that runs every shard Discord recommends
    /// (<c>GET /gateway/bot</c> → <c>shards</c>).
    /// </summary>
    public int? ShardId { get; set; }

    /// <summary>Total shards across all replicas; set together with <see cref="ShardId"/>.</summary>
    public int? ShardCount { get; set; }

    /// <summary>
    /// Discord's identify window: at most one IDENTIFY per window for each bucket (shard id % max_concurrency).
    /// Tests shorten it; in production leave it at Discord's 5 s.
    /// </summary>
    public TimeSpan IdentifyInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often to refresh the typing indicator while an answer is being prepared (Discord shows it ~10 s).</summary>
    public TimeSpan TypingRefreshInterval { get; set; } = TimeSpan.FromSeconds(8);
}
