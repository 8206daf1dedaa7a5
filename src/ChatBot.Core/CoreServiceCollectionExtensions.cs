using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Coordination;
using ChatBot.Core.Hosting;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Passages;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers ingestion (cleaning, metadata, passages), retrieval and answering. Storage is registered separately
    /// (e.g. <c>AddSqliteStorage</c>). Retrieval is hybrid (dense + BM25) when an <see cref="IEmbeddingModelSource"/>
    /// supplies a model, and BM25 alone otherwise or when <c>Retrieval:Mode</c> is <c>Bm25</c>.
    /// </summary>
    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContentRoot(configuration);
        services.AddOptions<LibraryOptions>().Bind(configuration.GetSection(LibraryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PassageOptions>().Bind(configuration.GetSection("Passages")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleCleaner>();
        services.AddSingleton<ArticleMetadataExtractor>();
        services.AddSingleton<PassageSplitter>();
        services.AddSingleton<ArticleSidecarParser>();
        services.AddSingleton<ArticleProcessor>();
        services.AddSingleton<LibraryFolders>();
        services.TryAddSingleton<IIngestProgressSink, SilentIngestProgress>();
        services.AddSingleton<SeedFolderReader>();
        services.TryAddSingleton<IIngestLock, InProcessIngestLock>();
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<ArticleLibrary>();

        services.AddOptions<HybridOptions>().Bind(configuration.GetSection(HybridOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TermAnalyzer>();
        services.AddSingleton<QueryAnalyzer>();
        services.AddSingleton<LexicalRetriever>();
        services.AddSingleton<HybridRetriever>();
        services.AddSingleton<DenseRetriever>();
        services.TryAddSingleton<IEmbeddingModelSource, NoEmbeddingModelSource>();
        services.AddSingleton<DenseIndex>();
        services.AddSingleton<IDenseThresholdSource>(sp => sp.GetRequiredService<DenseIndex>());
        services.AddSingleton<IAnswerModelSource>(sp => sp.GetRequiredService<DenseIndex>());
        services.AddSingleton<IIngestStep, LexicalIndexRefreshStep>();
        services.AddSingleton<IIngestStep, PassageEmbeddingStep>();
        services.AddSingleton<IPassageRetriever>(sp => sp.GetRequiredService<IOptions<HybridOptions>>().Value.Mode switch
        {
            RetrievalMode.Bm25 => sp.GetRequiredService<LexicalRetriever>(),
            RetrievalMode.Dense => sp.GetRequiredService<DenseRetriever>(),
            _ => sp.GetRequiredService<HybridRetriever>(),
        });
        services.AddSingleton<AnswerPolicy>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<IQuestionAnswerer, LibraryBackedAnswerer>();

        services.AddSingleton<CitationFormatter>();
        services.AddSingleton<PlainTextAnswerRenderer>();

        services.AddOptions<UpdateClaimOptions>().Bind(configuration.GetSection(UpdateClaimOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleProcessCoordination();
    }

    /// <summary>
    /// Coordination for one replica (update claims in memory, leadership within the process), each only where none is
    /// registered yet: a shared store (<c>AddPostgresStorage</c>) replaces them, whichever is called first.
    /// Platforms that claim updates call it too, so they also run in hosts without the Core registrations.
    /// </summary>
    public static IServiceCollection AddSingleProcessCoordination(this IServiceCollection services)
    {
        services.AddOptions<UpdateClaimOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReplicaIdentity>();
        services.TryAddSingleton<IUpdateClaimStore, InProcessUpdateClaims>();
        services.TryAddSingleton<ILeaderElection, InProcessLeaderElection>();
        services.TryAddSingleton<OnceAcrossReplicas>();
        return services;
    }
}
