using System.Buffers.Binary;
using ChatBot.Onnx.Modeling.Protos;
using Google.Protobuf;

namespace ChatBot.Onnx.Modeling.Graph;

/// <summary>
/// Creates <see cref="TensorProto"/> values. Data goes into raw_data in little-endian order, which ONNX
/// requires regardless of the host, and which keeps the serialized bytes identical across machines.
/// </summary>
public static class OnnxTensors
{
    public static TensorProto Float(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        EnsureElementCount(values.Length, dims);
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return Create(name, TensorProto.Types.DataType.Float, bytes, dims);
    }

    public static TensorProto Int64(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        EnsureElementCount(values.Length, dims);
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        return Create(name, TensorProto.Types.DataType.Int64, bytes, dims);
    }

    private static TensorProto Create(string name, TensorProto.Types.DataType type, byte[] bytes, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static void EnsureElementCount(int count, long[] dims)
    {
        long expected = 1;
        foreach (var dim in dims)
        {
            expected *= dim;
        }

        if (expected != count)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", dims)}] needs {expected} values, got {count}.");
        }
    }
}
