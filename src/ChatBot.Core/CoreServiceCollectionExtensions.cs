using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Passages;
using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers ingestion (cleaning, metadata, passages), retrieval and answering. Storage is registered separately
    /// (e.g. <c>AddSqliteStorage</c>); a dense retriever, when added, replaces the BM25 <see cref="IPassageRetriever"/>.
    /// </summary>
    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LibraryOptions>().Bind(configuration.GetSection(LibraryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PassageOptions>().Bind(configuration.GetSection("Passages")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleCleaner>();
        services.AddSingleton<ArticleMetadataExtractor>();
        services.AddSingleton<PassageSplitter>();
        services.AddSingleton<ArticleProcessor>();
        services.AddSingleton<SeedFolderReader>();
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<ArticleLibrary>();

        services.AddSingleton<QueryAnalyzer>();
        services.AddSingleton<LexicalRetriever>();
        services.TryAddSingleton<IPassageRetriever>(sp => sp.GetRequiredService<LexicalRetriever>());
        services.AddSingleton(sp => new AnswerPolicy(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnswerOptions>>(),
            sp.GetService<IDenseThresholdSource>()));
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<IQuestionAnswerer, LibraryBackedAnswerer>();

        services.AddSingleton<CitationFormatter>();
        services.AddSingleton<PlainTextAnswerRenderer>();
        return services;
    }
}
