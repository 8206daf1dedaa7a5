using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// An int8 copy of a large vector matrix for a first pass that reads a quarter of the memory: each row scaled so its
/// largest component is ±127, with that scale kept. Its scores are approximate (typically within ±0.003 of the cosine
/// for arctic-embed-xs vectors), so <see cref="PassageMatrix"/> only uses them to choose which rows to score exactly.
/// </summary>
internal sealed class Int8Rows
{
    private const float Levels = 127f;

    private readonly sbyte[] _values;
    private readonly float[] _scales;
    private readonly int _dimensions;

    private Int8Rows(sbyte[] values, float[] scales, int dimensions)
    {
        _values = values;
        _scales = scales;
        _dimensions = dimensions;
    }

    public static Int8Rows Quantize(float[] values, int dimensions)
    {
        var rows = values.Length / dimensions;
        var quantized = new sbyte[values.Length];
        var scales = new float[rows];
        if (rows == 0)
        {
            return new Int8Rows(quantized, scales, dimensions);
        }

        // The rows are independent, so every core takes ranges of them (100k × 384: ~65 ms in all).
        Parallel.ForEach(Partitioner.Create(0, rows), range =>
        {
            for (var row = range.Item1; row < range.Item2; row++)
            {
                scales[row] = QuantizeInto(values.AsSpan(row * dimensions, dimensions), quantized.AsSpan(row * dimensions, dimensions));
            }
        });
        return new Int8Rows(quantized, scales, dimensions);
    }

    /// <summary>The query in the same form, widened to 16 bits for the multiply-add (products of two int8 fit in 16).</summary>
    public short[] QuantizeQuery(ReadOnlySpan<float> query)
    {
        var narrow = new sbyte[query.Length];
        QuantizeInto(query, narrow);
        var wide = new short[query.Length];
        for (var i = 0; i < narrow.Length; i++)
        {
            wide[i] = narrow[i];
        }

        return wide;
    }

    /// <summary>The row's dot product with the quantized query, up to the query's own (common) scale: fine for ranking rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float ApproximateScore(int row, ReadOnlySpan<short> query) =>
        IntegerDot(_values.AsSpan(row * _dimensions, _dimensions), query) * _scales[row];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float QuantizeInto(ReadOnlySpan<float> source, Span<sbyte> target)
    {
        var largest = source.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(source));
        if (largest == 0)
        {
            target.Clear();
            return 0;
        }

        var toLevels = Levels / largest;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // 32 values a step: scale, round to nearest, then narrow int32 → int16 → int8 (|values| ≤ 127, so the
            // narrowing keeps them). TensorPrimitives' generic float → sbyte conversion is scalar: 72 of the 105 ms
            // this took at 100k × 384.
            var factor = Vector256.Create(toLevels);
            for (; i <= source.Length - (4 * Vector256<float>.Count); i += 4 * Vector256<float>.Count)
            {
                var a = Vector256.ConvertToInt32(Vector256.Round(Vector256.Create(source.Slice(i, 8)) * factor));
                var b = Vector256.ConvertToInt32(Vector256.Round(Vector256.Create(source.Slice(i + 8, 8)) * factor));
                var c = Vector256.ConvertToInt32(Vector256.Round(Vector256.Create(source.Slice(i + 16, 8)) * factor));
                var d = Vector256.ConvertToInt32(Vector256.Round(Vector256.Create(source.Slice(i + 24, 8)) * factor));
                Vector256.Narrow(Vector256.Narrow(a, b), Vector256.Narrow(c, d)).AsSByte().CopyTo(target.Slice(i, 32));
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = (sbyte)MathF.Round(source[i] * toLevels);
        }

        return largest / Levels;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IntegerDot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && row.Length >= Vector128<sbyte>.Count)
        {
            ref var rowStart = ref MemoryMarshal.GetReference(row);
            ref var queryStart = ref MemoryMarshal.GetReference(query);
            var total = Vector256<int>.Zero;
            for (; i <= row.Length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
            {
                // 16 int8 widened to 16 int16, multiplied pairwise with the query and added in pairs into 8 int32
                // (vpmovsxbw + vpmaddwd): no product or pair sum can overflow.
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rowStart, (nuint)i));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref queryStart, (nuint)i)));
            }

            sum = Vector256.Sum(total);
        }

        for (; i < row.Length; i++)
        {
            sum += row[i] * query[i];
        }

        return sum;
    }
}
