using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Hosting;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>Registers the SQLite-backed article store, BM25 index (snapshot), passage lookup, bot state and the library's folder list. A relative <c>Storage:DatabasePath</c> is taken from the content root (<c>ChatBot:Root</c>).</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteStorageOptions>()
            .Bind(configuration.GetSection(SqliteStorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SqliteStorageOptions>()
            .PostConfigure<ContentRoot>((options, root) => options.DatabasePath = root.Resolve(options.DatabasePath));
        services.AddContentRoot(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteArticleStore>();
        services.AddSingleton<IArticleStore>(sp => sp.GetRequiredService<SqliteArticleStore>());
        services.AddSingleton<IArticleCatalog>(sp => sp.GetRequiredService<SqliteArticleStore>());
        services.AddSingleton<ILexicalIndexStore, SqliteLexicalIndexStore>();
        services.AddSingleton<ILexicalIndexSource, LexicalIndexCache>();
        services.AddSingleton<IPassageLookup, SqlitePassageLookup>();
        services.AddSingleton<IBotStateStore, SqliteBotStateStore>();
        services.AddSingleton<IPassageVectorStore, SqlitePassageVectorStore>();
        services.AddSingleton<IPassageTokenStateStore, SqliteTokenStateStore>();
        services.AddSingleton<IIngestLock, SqliteIngestLock>();
        services.AddSingleton<ILibraryFolderStore, SqliteLibraryFolderStore>();
        return services;
    }
}
