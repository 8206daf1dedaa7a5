using ChatBot.Core;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Core.State;
using ChatBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Testing;

/// <summary>
/// The real answering pipeline (cleaning, SQLite FTS5, answer policy) over a folder of articles — by default the
/// repository's five seeds — in a throw-away database. For end-to-end tests of every front end.
/// </summary>
public sealed class SeedAnswerer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _directory;

    private SeedAnswerer(ServiceProvider services, TempDirectory directory)
    {
        _services = services;
        _directory = directory;
    }

    public IQuestionAnswerer Answerer => _services.GetRequiredService<IQuestionAnswerer>();

    public IArticleCatalog Catalog => _services.GetRequiredService<IArticleCatalog>();

    public IBotStateStore State => _services.GetRequiredService<IBotStateStore>();

    public IServiceProvider Services => _services;

    public string DatabasePath => Path.Combine(_directory.Path, "chatbot.db");

    public static async Task<SeedAnswerer> CreateAsync(
        string? seedsPath = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var directory = new TempDirectory();
        var values = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(directory.Path, "chatbot.db"),
            ["Library:SeedsPath"] = seedsPath ?? RepoPaths.Seeds,
            ["Library:File"] = Path.Combine(directory.Path, "library.json"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddChatBotCore(configuration)
            .AddSqliteStorage(configuration);
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ArticleLibrary>().EnsureCurrentAsync();
        return new SeedAnswerer(provider, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
