using System.Text.Json.Serialization;

namespace ChatBot.Discord.Rest;

/// <summary>GET /gateway/bot: where to connect and how many identifies are left.</summary>
public sealed record GatewayBotResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("shards")] int Shards = 1,
    [property: JsonPropertyName("session_start_limit")] SessionStartLimit? SessionStartLimit = null);

public sealed record SessionStartLimit(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_after")] long ResetAfterMs,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency = 1);
