using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Hosting;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Storage.LiteDb;

public static class LiteDbServiceCollectionExtensions
{
    /// <summary>
    /// Registers the LiteDB store: one file, one process (a second process is refused with one line naming the
    /// holder). A relative <c>Storage:LiteDbPath</c> is taken from the content root (<c>ChatBot:Root</c>). The ingest lock and update claims stay Core's in-process ones: no other process can share the file.
    /// </summary>
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiteDbStorageOptions>()
            .Bind(configuration.GetSection(LiteDbStorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LiteDbStorageOptions>()
            .PostConfigure<ContentRoot>((options, root) => options.LiteDbPath = root.Resolve(options.LiteDbPath));
        services.AddContentRoot(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiteDbDatabase>();
        services.AddSingleton<LiteDbArticleStore>();
        services.AddSingleton<IArticleStore>(sp => sp.GetRequiredService<LiteDbArticleStore>());
        services.AddSingleton<IArticleCatalog>(sp => sp.GetRequiredService<LiteDbArticleStore>());
        services.AddSingleton<ILexicalIndexStore, LiteDbLexicalIndexStore>();
        services.AddSingleton<ILexicalIndexSource, LexicalIndexCache>();
        services.AddSingleton<IPassageLookup, LiteDbPassageLookup>();
        services.AddSingleton<IBotStateStore, LiteDbBotStateStore>();
        services.AddSingleton<IPassageVectorStore, LiteDbPassageVectorStore>();
        services.AddSingleton<IPassageTokenStateStore, LiteDbTokenStateStore>();
        services.AddSingleton<ILibraryFolderStore, LiteDbLibraryFolderStore>();
        return services;
    }
}
