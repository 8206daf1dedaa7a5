using ChatBot.Core;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>
/// One process's view of a store, composed as the host composes it (Core plus one provider), with its log kept.
/// Two instances on the same settings stand for two processes (or replicas) on the same store.
/// </summary>
public sealed class StoreInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreInstance(ServiceProvider services, LogCollector log)
    {
        _services = services;
        Log = log;
    }

    public LogCollector Log { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static StoreInstance Create(
        IReadOnlyDictionary<string, string?> settings, Func<IServiceCollection, IConfiguration, IServiceCollection> addStorage)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var log = new LogCollector();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(log))
            .AddSingleton<IConfiguration>(configuration)
            .AddChatBotCore(configuration);
        addStorage(services, configuration);
        return new StoreInstance(services.BuildServiceProvider(validateScopes: true), log);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
