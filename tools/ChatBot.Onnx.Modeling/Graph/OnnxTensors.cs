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

    /// <summary>A signed 8-bit tensor (quantized weights); one byte per value, so no byte-order question.</summary>
    public static TensorProto Int8(string name, ReadOnlySpan<sbyte> values, params long[] dims)
    {
        EnsureElementCount(values.Length, dims);
        return Create(name, TensorProto.Types.DataType.Int8, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray(), dims);
    }

    /// <summary>An unsigned 8-bit tensor (quantized weights or zero points).</summary>
    public static TensorProto UInt8(string name, ReadOnlySpan<byte> values, params long[] dims)
    {
        EnsureElementCount(values.Length, dims);
        return Create(name, TensorProto.Types.DataType.Uint8, values.ToArray(), dims);
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
