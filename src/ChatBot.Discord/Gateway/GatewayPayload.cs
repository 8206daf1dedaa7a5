using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Discord.Gateway;

/// <summary>A received gateway frame. <c>d</c> stays raw until the opcode/event name says what it is.</summary>
internal sealed record GatewayPayload(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] JsonElement Data,
    [property: JsonPropertyName("s")] int? Sequence,
    [property: JsonPropertyName("t")] string? EventName);

/// <summary>A frame the client sends: only <c>op</c> and <c>d</c>.</summary>
internal sealed record OutgoingGatewayPayload<T>(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] T Data);
