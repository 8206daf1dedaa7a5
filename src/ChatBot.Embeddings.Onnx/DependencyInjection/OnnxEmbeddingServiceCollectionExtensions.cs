using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

public static class OnnxEmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Registers local ONNX embeddings configured from the "Embeddings" section: a lazily loading
    /// <see cref="IEmbeddingGenerator{String, Embedding}"/>, the <see cref="IEmbeddingModelProvider"/> to check
    /// availability (and fall back), the WordPiece and SentencePiece tokenizer factories, and the
    /// <see cref="ModelCatalog"/> (list / download / verify).
    /// </summary>
    public static IServiceCollection AddOnnxEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OnnxEmbeddingOptions>()
            .Bind(configuration.GetSection(OnnxEmbeddingOptions.SectionName))
            .PostConfigure(o => o.RuntimePath ??= configuration["Onnx:RuntimePath"])
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextTokenizerFactory, WordPieceTokenizerFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextTokenizerFactory, SentencePieceTokenizerFactory>());
        services.TryAddSingleton<IEmbeddingModelProvider, OnnxEmbeddingModelProvider>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LazyEmbeddingGenerator>();

        // Model files are large; the download is bounded by cancellation, not by HttpClient's 100 s default.
        services.AddHttpClient(nameof(ModelCatalog), client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new ModelCatalog(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ModelCatalog)),
            ProjectCacheDirectory.ResolveFromRoot(sp.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value.ModelsPath),
            sp.GetRequiredService<ILogger<ModelCatalog>>()));
        return services;
    }
}
