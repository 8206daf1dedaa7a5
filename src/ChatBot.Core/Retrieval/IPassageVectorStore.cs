namespace ChatBot.Core.Retrieval;

/// <summary>A passage that still needs a vector for the current model, with its article title as context.</summary>
public sealed record PassageToEmbed(long PassageId, string ArticleTitle, string Text);

/// <summary>The tag and length of stored vectors.</summary>
public sealed record StoredVectorSet(string VectorSetId, int Dimensions);

/// <summary>Dense vectors stored beside the passages, tagged with the model that made them.</summary>
public interface IPassageVectorStore
{
    /// <summary>Passages with no vector from <paramref name="modelId"/> (never embedded, or embedded by another model).</summary>
    Task<IReadOnlyList<PassageToEmbed>> GetPassagesWithoutVectorsAsync(string modelId, CancellationToken cancellationToken = default);

    Task SaveVectorsAsync(string modelId, IReadOnlyList<(long PassageId, ReadOnlyMemory<float> Vector)> vectors, CancellationToken cancellationToken = default);

    /// <summary>A number that changes whenever any vector is added or removed, by any process.</summary>
    Task<long> GetGenerationAsync(CancellationToken cancellationToken = default);

    /// <summary>Number of passages stored (with or without a vector).</summary>
    Task<int> CountPassagesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The set of the vector with the highest passage id, or null when none is stored: after a completed embed
    /// every vector belongs to it, so it names the matrix to read before the model is known.
    /// </summary>
    Task<StoredVectorSet?> GetLatestVectorSetAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored vector of <paramref name="modelId"/>, as one contiguous row-major matrix tagged with the generation it was read at.</summary>
    Task<PassageMatrix> LoadMatrixAsync(string modelId, int dimensions, CancellationToken cancellationToken = default);
}
