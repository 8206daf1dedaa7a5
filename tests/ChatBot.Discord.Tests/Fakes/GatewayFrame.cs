using System.Text.Json;

namespace ChatBot.Discord.Tests.Fakes;

/// <summary>One frame the client sent to the fake gateway, with the connection it came on.</summary>
public sealed record GatewayFrame(int Connection, string Endpoint, int Op, JsonElement Data, DateTimeOffset ReceivedAt);
