namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>
/// Loads the configured embedding model on first use. A missing model, runtime or tokenizer is not an
/// exception here but an unavailable result with a reason, so the host can fall back (e.g. to BM25 only).
/// </summary>
public interface IEmbeddingModelProvider
{
    Task<EmbeddingModelAvailability> TryGetAsync(CancellationToken cancellationToken = default);
}
