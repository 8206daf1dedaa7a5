using System.Text.Json.Serialization;
using ChatBot.Discord.Models;

namespace ChatBot.Discord.Gateway;

internal sealed record HelloData([property: JsonPropertyName("heartbeat_interval")] int HeartbeatIntervalMs);

internal sealed record IdentifyData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("intents")] int Intents,
    [property: JsonPropertyName("properties")] IdentifyProperties Properties,
    [property: JsonPropertyName("shard")] int[] Shard);

internal sealed record IdentifyProperties(
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("browser")] string Browser,
    [property: JsonPropertyName("device")] string Device);

internal sealed record ResumeData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("seq")] int? Sequence);

/// <summary>The READY fields the bot keeps: who it is, and how to resume.</summary>
public sealed record ReadyData(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("resume_gateway_url")] string ResumeGatewayUrl,
    [property: JsonPropertyName("user")] DiscordUser User,
    [property: JsonPropertyName("application")] ReadyApplication Application);

public sealed record ReadyApplication([property: JsonPropertyName("id")] string Id);
