using ChatBot.Core;
using ChatBot.Core.Answers;
using ChatBot.Embeddings.Onnx.Retrieval;
using Microsoft.Extensions.AI;
using ChatBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel;

public static class ArticleSearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the article library to a Semantic Kernel app in one call, configured from the same sections as the bot
    /// (<c>Library</c>, <c>Storage</c>, <c>Passages</c>, <c>Answers</c>, <c>Retrieval</c>, <c>Embeddings</c>): ingestion
    /// and storage, the local embedding model (set up once, exactly as the bot's host does) and its generator as
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> (see <see cref="EmbeddingGeneratorOfTheModel"/> for
    /// what resolving it does with <c>Embeddings:Model = none</c> or a failed set-up), the
    /// cited <see cref="ITextSearch{TRecord}"/> of <see cref="CitedPassage"/>, and the <c>articles</c> kernel plugin,
    /// which every <see cref="Kernel"/> built from these services (<c>AddKernel()</c> or <c>Kernel.CreateBuilder()</c>)
    /// carries. The first search syncs the library with its articles folder. Relative paths (seeds, database, models)
    /// are taken from the content root (<c>ChatBot:Root</c>; by default the checkout when run inside one, else the
    /// working directory). When a model is configured but cannot be set up, searches throw with the reason
    /// (<see cref="EmbeddingModelRequiredAnswerer"/>) instead of answering from BM25 alone; <c>Embeddings:Model = none</c>
    /// asks for BM25 alone. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddArticleSearch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ArticleTextSearch)))
        {
            // The bot's own registrations are not idempotent (a second call would ingest every article twice).
            return services;
        }

        services.AddLogging();
        services
            .AddChatBotCore(configuration)
            .AddSqliteStorage(configuration)
            .AddEmbeddingModel(configuration);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(EmbeddingGeneratorOfTheModel.Resolve);
        // The search answers with the configured model or says why not (EmbeddingModelRequiredAnswerer); the bot's
        // own answerer stays as it is for anything else the app resolves.
        services.AddSingleton(sp => new ArticleTextSearch(
            ActivatorUtilities.CreateInstance<EmbeddingModelRequiredAnswerer>(sp, sp.GetRequiredService<IQuestionAnswerer>()),
            sp.GetRequiredService<CitationFormatter>()));
        services.AddSingleton<ITextSearch<CitedPassage>>(sp => sp.GetRequiredService<ArticleTextSearch>());
        services.AddSingleton(sp => ArticleSearchPlugin.Create(sp.GetRequiredService<ITextSearch<CitedPassage>>()));
        return services;
    }

    /// <inheritdoc cref="AddArticleSearch(IServiceCollection, IConfiguration)"/>
    public static IKernelBuilder AddArticleSearch(this IKernelBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddArticleSearch(configuration);
        return builder;
    }
}
