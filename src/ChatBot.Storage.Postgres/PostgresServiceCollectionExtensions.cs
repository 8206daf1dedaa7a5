using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Coordination;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store shared by every replica (articles, passages, vectors, BM25 snapshot, bot state, the library's folder list)
    /// and the coordination on top of it: the ingest lock, update claims and leader election. Call after
    /// <c>AddChatBotCore</c>: it replaces Core's single-process defaults.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresStorageOptions>()
            .Bind(configuration.GetSection(PostgresStorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReplicaIdentity>();
        services.AddSingleton<PostgresDatabase>();
        services.AddSingleton<PostgresArticleStore>();
        services.AddSingleton<IArticleStore>(sp => sp.GetRequiredService<PostgresArticleStore>());
        services.AddSingleton<IArticleCatalog>(sp => sp.GetRequiredService<PostgresArticleStore>());
        services.AddSingleton<ILexicalIndexStore, PostgresLexicalIndexStore>();
        services.AddSingleton<ILexicalIndexSource, LexicalIndexCache>();
        services.AddSingleton<IPassageLookup, PostgresPassageLookup>();
        services.AddSingleton<IBotStateStore, PostgresBotStateStore>();
        services.AddSingleton<IPassageVectorStore, PostgresPassageVectorStore>();
        services.AddSingleton<IPassageTokenStateStore, PostgresTokenStateStore>();
        services.AddSingleton<ILibraryFolderStore, PostgresLibraryFolderStore>();
        services.Replace(ServiceDescriptor.Singleton<IIngestLock, PostgresIngestLock>());
        services.Replace(ServiceDescriptor.Singleton<IUpdateClaimStore, PostgresUpdateClaims>());
        services.Replace(ServiceDescriptor.Singleton<ILeaderElection, PostgresLeaderElection>());
        return services;
    }
}
