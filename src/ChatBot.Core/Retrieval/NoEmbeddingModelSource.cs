namespace ChatBot.Core.Retrieval;

/// <summary>The default when no embedding package is wired in: retrieval is BM25 only.</summary>
public sealed class NoEmbeddingModelSource : IEmbeddingModelSource
{
    public Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<(EmbeddingModelHandle?, string?)>((null, "no embedding model is configured"));
}
