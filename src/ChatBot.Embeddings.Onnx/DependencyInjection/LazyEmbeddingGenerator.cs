using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>
/// The <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> registered in DI: loads the model on the first call.
/// When the model cannot be loaded it throws <see cref="InvalidOperationException"/> with the reason; hosts that
/// want to fall back ask <see cref="IEmbeddingModelProvider.TryGetAsync"/> first.
/// </summary>
public sealed class LazyEmbeddingGenerator(IEmbeddingModelProvider provider, IOptions<OnnxEmbeddingOptions> options)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var availability = await provider.TryGetAsync(cancellationToken);
        if (!availability.IsAvailable)
        {
            throw new InvalidOperationException($"Embeddings are unavailable: {availability.Reason}");
        }

        return await availability.Generator.GenerateAsync(values, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            // Known without loading anything: the configured model's name.
            return new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, options.Value.Model);
        }

        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    // The provider owns the loaded generator and disposes it with the container.
    public void Dispose()
    {
    }
}
