using System.Collections.Concurrent;
using ChatBot.Core.State;

namespace ChatBot.Telegram.Tests.Fakes;

public sealed class InMemoryBotStateStore : IBotStateStore
{
    private readonly ConcurrentDictionary<string, string> _values = new();

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(key, out var value) ? value : null);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        _values[key] = value;
        return Task.CompletedTask;
    }
}
