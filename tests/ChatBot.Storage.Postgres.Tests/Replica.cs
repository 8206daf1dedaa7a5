using ChatBot.Core;
using ChatBot.Core.Coordination;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>One bot replica as the host composes it with Storage:Provider = Postgres, without the platforms.</summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Replica(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static Replica Create(
        string connectionString, string? seeds = null, IEmbeddingModelSource? model = null, IDictionary<string, string?>? settings = null, string? name = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Library:SeedsPath"] = seeds ?? RepoPaths.Seeds,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new ReplicaIdentity(name ?? "replica-" + Guid.NewGuid().ToString("N")[..6]))
            .AddChatBotCore(configuration)
            .AddPostgresStorage(configuration);
        if (model is not null)
        {
            services.AddSingleton(model);
        }

        return new Replica(services.BuildServiceProvider(validateScopes: true));
    }

    public Task<IngestReport> IngestAsync() => Get<ArticleLibrary>().ReloadAsync();

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
