using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Onnx.Modeling.Tests.Support;

/// <summary>
/// Token ids and vectors produced by the original TF.js model and tokenizer
/// (scripts/reference/generate-use-lite-reference.js).
/// </summary>
public sealed record UseLiteReference(
    [property: JsonPropertyName("package")] string? Package,
    [property: JsonPropertyName("entries")] IReadOnlyList<UseLiteReferenceEntry> Entries)
{
    public static UseLiteReference Load() => Read("use-lite-reference.json");

    /// <summary>Seeded random strings with the reference tokenizer's ids (no vectors).</summary>
    public static IReadOnlyList<UseLiteReferenceEntry> LoadTokenizerFuzz() => Read("use-lite-tokenizer-fuzz.json").Entries;

    private static UseLiteReference Read(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", fileName);
        return JsonSerializer.Deserialize<UseLiteReference>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"Empty reference file {fileName}.");
    }
}

public sealed record UseLiteReferenceEntry(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("ids")] IReadOnlyList<long> Ids,
    [property: JsonPropertyName("embedding")] IReadOnlyList<float>? Embedding);
