using System.Text.Json;

namespace ChatBot.Discord.Tests.Fakes;

/// <summary>One REST request the fake received, in arrival order.</summary>
public sealed record RecordedRequest(
    int Index,
    string Method,
    string Path,
    string? Authorization,
    string? UserAgent,
    string Body,
    DateTimeOffset ReceivedAt,
    int ResponseStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body.Length == 0 ? "null" : Body).RootElement;
}
