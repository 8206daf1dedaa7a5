namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// A model the USE-lite converter can write: the original float weights ("use-lite"), or the same graph with its
/// per-token dense layers on int8 weights and dynamically quantized activations ("use-lite-int8").
/// </summary>
public sealed record UseLiteVariant
{
    private UseLiteVariant(string name, bool quantized)
    {
        Name = name;
        Quantized = quantized;
    }

    public static UseLiteVariant Float { get; } = new("use-lite", quantized: false);

    public static UseLiteVariant Int8 { get; } = new("use-lite-int8", quantized: true);

    public static IReadOnlyList<UseLiteVariant> All { get; } = [Float, Int8];

    /// <summary>The model's name: its folder under models/ and the name in its manifest.</summary>
    public string Name { get; }

    public bool Quantized { get; }

    /// <summary>The variant called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static UseLiteVariant? Find(string? name) =>
        All.FirstOrDefault(variant => string.Equals(variant.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
