using Microsoft.Extensions.AI;

namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>
/// Whether texts are search queries or the passages being searched. Asymmetric models (arctic-embed) prefix queries
/// with an instruction; the manifest says which prefix goes with which. Pass it through
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under <see cref="PropertyName"/>
/// ("input_type" = "query" or "passage"), or use <see cref="ForQueries"/> / <see cref="ForPassages"/>.
/// Without it, texts are treated as passages.
/// </summary>
public static class EmbeddingInputType
{
    public const string PropertyName = "input_type";

    public const string Query = "query";

    public const string Passage = "passage";

    public static EmbeddingGenerationOptions ForQueries() => With(Query);

    public static EmbeddingGenerationOptions ForPassages() => With(Passage);

    /// <summary>True when the options ask for query embeddings; throws on an unknown input type rather than guessing.</summary>
    internal static bool IsQuery(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) != true || value is null)
        {
            return false;
        }

        return value.ToString() switch
        {
            Query => true,
            Passage => false,
            var other => throw new ArgumentException($"Unknown {PropertyName} '{other}'; use '{Query}' or '{Passage}'.", nameof(options)),
        };
    }

    private static EmbeddingGenerationOptions With(string inputType) =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PropertyName] = inputType } };
}
