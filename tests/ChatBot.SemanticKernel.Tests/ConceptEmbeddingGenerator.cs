using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>
/// A transparent stand-in model for checking both sides of the answer policy through the kernel: a text is a unit
/// vector over the concepts it mentions (synonyms share a concept, so "nukes" matches "nuclear"), and a text that
/// mentions none is the zero vector, similar to nothing. (ChatBot.Testing's KeywordEmbeddingGenerator gives every
/// such text the same constant vector, so an off-topic question would match every off-topic passage perfectly.)
/// </summary>
internal sealed class ConceptEmbeddingGenerator(IReadOnlyList<string[]> concepts) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions => concepts.Count;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var vector = new float[Dimensions];
            var lower = text.ToLowerInvariant();
            for (var i = 0; i < concepts.Count; i++)
            {
                vector[i] = concepts[i].Count(word => lower.Contains(word, StringComparison.Ordinal));
            }

            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
