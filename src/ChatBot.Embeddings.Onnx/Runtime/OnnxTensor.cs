namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// A named dense tensor exchanged with a session: row-major data plus its shape. Inputs are passed to ORT
/// without copying (the array is pinned for the duration of the run); outputs are copied out of ORT memory.
/// </summary>
public sealed class OnnxTensor
{
    private OnnxTensor(string name, OrtElementType elementType, Array data, long[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var expected = 1L;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            expected *= dimension;
        }

        if (expected != data.LongLength)
        {
            throw new ArgumentException($"Tensor '{name}' has {data.LongLength} elements but shape [{string.Join(", ", shape)}] needs {expected}.", nameof(data));
        }

        Name = name;
        ElementType = elementType;
        Data = data;
        Shape = shape;
    }

    public string Name { get; }

    public OrtElementType ElementType { get; }

    public IReadOnlyList<long> Shape { get; }

    internal Array Data { get; }

    public static OnnxTensor FromInt64(string name, long[] data, params long[] shape) => new(name, OrtElementType.Int64, data, shape);

    public static OnnxTensor FromInt32(string name, int[] data, params long[] shape) => new(name, OrtElementType.Int32, data, shape);

    public static OnnxTensor FromFloat(string name, float[] data, params long[] shape) => new(name, OrtElementType.Float, data, shape);

    public float[] AsFloats() => Data as float[] ?? throw new InvalidOperationException($"Tensor '{Name}' holds {ElementType}, not Float.");

    public long[] AsInt64() => Data as long[] ?? throw new InvalidOperationException($"Tensor '{Name}' holds {ElementType}, not Int64.");

    public int[] AsInt32() => Data as int[] ?? throw new InvalidOperationException($"Tensor '{Name}' holds {ElementType}, not Int32.");

    internal int ElementSize => ElementType switch
    {
        OrtElementType.Float => sizeof(float),
        OrtElementType.Int32 => sizeof(int),
        OrtElementType.Int64 => sizeof(long),
        _ => throw new NotSupportedException(ElementType.ToString()),
    };

    internal static OnnxTensor Create(string name, OrtElementType elementType, Array data, long[] shape) => new(name, elementType, data, shape);
}
