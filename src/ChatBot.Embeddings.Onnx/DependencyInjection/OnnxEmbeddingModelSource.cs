using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.Embeddings;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>
/// Adapts the ONNX model to Core's hybrid retrieval: the generator, the decline threshold from the manifest, query
/// and passage options, and a model id ("name@fingerprint") that changes whenever anything that shapes the vectors
/// changes — the model file, the vocabulary, or the manifest's pooling, normalisation, prefixes and token limit —
/// so stored passage vectors are re-embedded exactly then.
/// </summary>
public sealed class OnnxEmbeddingModelSource(IEmbeddingModelProvider provider) : IEmbeddingModelSource
{
    private readonly Lock _gate = new();
    private EmbeddingModelHandle? _handle;

    public async Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var availability = await provider.TryGetAsync(cancellationToken);
        if (!availability.IsAvailable)
        {
            return (null, availability.Reason);
        }

        lock (_gate)
        {
            var manifest = availability.Manifest;
            _handle ??= new EmbeddingModelHandle(
                availability.Generator,
                $"{manifest.Name}@{availability.Fingerprint}",
                manifest.Dimensions,
                manifest.DeclineBelow,
                EmbeddingInputType.ForQueries(),
                EmbeddingInputType.ForPassages());
            return (_handle, null);
        }
    }
}
