namespace ChatBot.Onnx.Modeling.Tfjs;

/// <summary>A weight from a TF.js weights manifest, decoded from the binary shards.</summary>
public sealed record TfjsTensor(string Name, IReadOnlyList<int> Shape, string DataType, float[]? Floats, int[]? Ints)
{
    public int ElementCount => Shape.Aggregate(1, (product, dim) => product * dim);

    public float[] RequireFloats() =>
        Floats ?? throw new InvalidDataException($"Weight '{Name}' is {DataType}, expected float32.");

    public int[] RequireInts() =>
        Ints ?? throw new InvalidDataException($"Weight '{Name}' is {DataType}, expected int32.");
}
