using System.Collections.Concurrent;

namespace ChatBot.Core.Diagnostics;

/// <summary>
/// Whether each chat platform this replica runs is connected, for readiness: the host expects the platforms that
/// have tokens, and each platform reports as its connection comes and goes. A platform that is expected and has not
/// reported is "connecting".
/// </summary>
public sealed class PlatformConnections
{
    private readonly ConcurrentDictionary<string, PlatformConnection> _platforms = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="platform"/> as one readiness waits for (it has a token).</summary>
    public void Expect(string platform) => _platforms.TryAdd(platform, new PlatformConnection(false, "connecting"));

    public void Connected(string platform, string state = "connected") => _platforms[platform] = new PlatformConnection(true, state);

    public void Disconnected(string platform, string reason) => _platforms[platform] = new PlatformConnection(false, reason);

    /// <summary>Every expected platform with its state, by name.</summary>
    public IReadOnlyList<(string Platform, PlatformConnection State)> Snapshot() =>
        [.. _platforms.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value))];
}

/// <param name="IsReady">True when the platform can take and answer messages on this replica.</param>
/// <param name="Description">Short and free of secrets: "connected", "standby (another replica polls)", "connecting", a reason.</param>
public sealed record PlatformConnection(bool IsReady, string Description);
