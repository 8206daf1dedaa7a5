using Microsoft.Extensions.AI;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// A loaded embedding model as retrieval sees it: the generator, an id that changes whenever the model does (so
/// stored vectors are re-embedded exactly then), and its calibrated decline threshold.
/// </summary>
/// <param name="Generator">Any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>; vectors must be L2-normalised.</param>
/// <param name="ModelId">Name plus version, e.g. "use-lite@3f2a…" (stored beside every passage vector).</param>
/// <param name="Dimensions">Vector length.</param>
/// <param name="MinSimilarity">Cosine similarity below which a passage does not answer a question.</param>
/// <param name="QueryOptions">Options that mark inputs as search queries (asymmetric models prefix them).</param>
/// <param name="PassageOptions">Options that mark inputs as passages.</param>
public sealed record EmbeddingModelHandle(
    IEmbeddingGenerator<string, Embedding<float>> Generator,
    string ModelId,
    int Dimensions,
    double MinSimilarity,
    EmbeddingGenerationOptions? QueryOptions,
    EmbeddingGenerationOptions? PassageOptions)
{
    /// <summary>The same model's per-token states, for late-interaction re-ranking; null when the model has none.</summary>
    public LateInteraction.ITokenStateEncoder? TokenEncoder { get; init; }

    /// <summary>The model's fitted answer confidence (three tiers); null falls back to the similarity threshold rule.</summary>
    public Answers.Calibration.AnswerCalibration? Calibration { get; init; }
}

/// <summary>Supplies the embedding model, or says why there is none (the bot then answers from BM25 alone).</summary>
public interface IEmbeddingModelSource
{
    Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default);
}
