namespace ChatBot.Onnx.Modeling.Int8Variants;

/// <summary>
/// An int8 model the tool derives from an installed float model of the catalog (<see cref="SourceName"/>, e.g. a
/// packaged BERT): same tokenizer, pooling and prefixes, with its constant-weight MatMuls on int8 weights.
/// </summary>
public sealed record Int8Variant
{
    private Int8Variant(string name, string sourceName)
    {
        Name = name;
        SourceName = sourceName;
    }

    /// <summary>Snowflake arctic-embed-xs, the default model, with int8 dense layers.</summary>
    public static Int8Variant ArcticEmbedXs { get; } = new("arctic-embed-xs-int8", "arctic-embed-xs");

    public static IReadOnlyList<Int8Variant> All { get; } = [ArcticEmbedXs];

    /// <summary>The built model's name: its folder under models/ and the name in its manifest.</summary>
    public string Name { get; }

    /// <summary>The float model it is built from (a folder under models/ with a manifest).</summary>
    public string SourceName { get; }

    /// <summary>The variant called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Int8Variant? Find(string? name) =>
        All.FirstOrDefault(variant => string.Equals(variant.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
