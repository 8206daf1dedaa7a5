using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace ChatBot.Core.Retrieval.LateInteraction;

/// <summary>
/// A passage's token states in their stored form: one int8 row per token with its own scale (value ≈ byte × scale),
/// a quarter of float32's size. Rows are unit length before quantization, so a dot product with a unit query row
/// is the cosine similarity to within ~0.005 (measured agreement with float32 in the README, Quality).
/// </summary>
public sealed class TokenStates
{
    private const int HeaderBytes = 8;
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    private TokenStates(int count, int dimensions, sbyte[] values, float[] scales)
    {
        Count = count;
        Dimensions = dimensions;
        _values = values;
        _scales = scales;
    }

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>Quantizes row-major float rows: each row scaled so its largest magnitude becomes ±127.</summary>
    public static TokenStates Quantize(ReadOnlySpan<float> rows, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (rows.Length % dimensions != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}.", nameof(rows));
        }

        var count = rows.Length / dimensions;
        var values = new sbyte[rows.Length];
        var scales = new float[count];
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * dimensions, dimensions);
            var largest = TensorPrimitives.MaxMagnitude(row);
            var scale = Math.Abs(largest) > 0 ? Math.Abs(largest) / 127f : 1f;
            scales[r] = scale;
            for (var d = 0; d < dimensions; d++)
            {
                values[(r * dimensions) + d] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -127, 127);
            }
        }

        return new TokenStates(count, dimensions, values, scales);
    }

    /// <summary>The cosine similarity of row <paramref name="row"/> with a unit-length float row.</summary>
    public float Dot(int row, ReadOnlySpan<float> query)
    {
        var values = _values.AsSpan(row * Dimensions, Dimensions);
        var sum = 0f;
        for (var d = 0; d < values.Length; d++)
        {
            sum += values[d] * query[d];
        }

        return sum * _scales[row];
    }

    /// <summary>Row <paramref name="row"/> as floats (value × scale), for SIMD dot products with many query rows.</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        var values = _values.AsSpan(row * Dimensions, Dimensions);
        var scale = _scales[row];
        for (var d = 0; d < values.Length; d++)
        {
            destination[d] = values[d] * scale;
        }
    }

    /// <summary>The stored form: count and dimensions (int32 little-endian), the scales, then the int8 values.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderBytes + (Count * sizeof(float)) + _values.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Dimensions);
        for (var r = 0; r < Count; r++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(HeaderBytes + (r * sizeof(float))), _scales[r]);
        }

        System.Runtime.InteropServices.MemoryMarshal.AsBytes(_values.AsSpan()).CopyTo(bytes.AsSpan(HeaderBytes + (Count * sizeof(float))));
        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>'s form; a blob of the wrong length is an error, never a misread.</summary>
    public static TokenStates FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes)
        {
            throw new InvalidDataException("Token states are shorter than their header.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (count < 0 || dimensions < 1 || bytes.Length != HeaderBytes + ((long)count * sizeof(float)) + ((long)count * dimensions))
        {
            throw new InvalidDataException($"Token states of {bytes.Length} bytes do not hold {count} rows of {dimensions}.");
        }

        var scales = new float[count];
        for (var r = 0; r < count; r++)
        {
            scales[r] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(HeaderBytes + (r * sizeof(float)))..]);
        }

        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes[(HeaderBytes + (count * sizeof(float)))..]).ToArray();
        return new TokenStates(count, dimensions, values, scales);
    }
}
