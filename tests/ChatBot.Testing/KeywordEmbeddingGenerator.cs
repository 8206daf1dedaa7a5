using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ChatBot.Testing;

/// <summary>
/// A transparent stand-in embedding model for tests of the dense plumbing: each text maps to a unit vector over a
/// fixed list of concepts, where a concept fires when the text contains one of its words. Synonyms in one concept
/// let tests check semantic matching ("nukes" ≈ "nuclear") without a real model. Counts its calls.
/// </summary>
public sealed class KeywordEmbeddingGenerator(IReadOnlyList<string[]> concepts) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int TextsEmbedded { get; private set; }

    public int Dimensions => concepts.Count + 1;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            TextsEmbedded++;
            var vector = new float[Dimensions];
            var lower = text.ToLowerInvariant();
            for (var i = 0; i < concepts.Count; i++)
            {
                vector[i] = concepts[i].Count(word => lower.Contains(word, StringComparison.Ordinal));
            }

            // A constant component keeps every vector non-zero, so unrelated texts have a small positive similarity.
            vector[^1] = 0.2f;
            var norm = TensorPrimitives.Norm(vector);
            TensorPrimitives.Divide(vector, norm, vector);
            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
