namespace ChatBot.Onnx.Modeling.Graph;

/// <summary>One dimension of a graph input or output: either a fixed size or a symbolic name such as "batch".</summary>
public readonly record struct TensorDimension
{
    private TensorDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null when the dimension is symbolic.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name, or null when the dimension is fixed.</summary>
    public string? Symbol { get; }

    public static TensorDimension Fixed(long size) =>
        size >= 0 ? new TensorDimension(size, null) : throw new ArgumentOutOfRangeException(nameof(size));

    public static TensorDimension Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new TensorDimension(null, symbol);
    }

    public static implicit operator TensorDimension(long size) => Fixed(size);

    public static implicit operator TensorDimension(string symbol) => Symbolic(symbol);
}
