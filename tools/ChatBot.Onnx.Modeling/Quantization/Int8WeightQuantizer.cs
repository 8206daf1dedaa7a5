namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>
/// Quantizes dense-layer weights to int8, symmetrically (zero point 0) with one scale per output column.
/// <para>
/// Why per column: the columns of a trained kernel differ in magnitude (several-fold in USE lite), and one scale
/// for the whole matrix would spend most of the 8 bits of the small columns on range they never use.
/// </para>
/// <para>
/// Why symmetric: trained weights are centred on zero, so an asymmetric zero point buys almost no resolution, while
/// a non-zero weight zero point makes the integer kernel subtract a per-row sum of the activations at run time
/// (the activation zero point's correction, by contrast, uses per-column weight sums that are computed once).
/// </para>
/// </summary>
public static class Int8WeightQuantizer
{
    /// <summary>The full symmetric int8 range (−128 is left out so the range is symmetric).</summary>
    public const int FullRange = 127;

    /// <summary>
    /// 7-bit weights. On x86 CPUs without VNNI, ONNX Runtime's u8×s8 kernel adds pairs of uint8·int8 products in
    /// 16 bits with saturation (VPMADDUBSW): 2·255·127 can overflow, 2·255·63 cannot.
    /// </summary>
    public const int ReducedRange = 63;

    public static PerColumnInt8Weights QuantizePerColumn(ReadOnlySpan<float> weights, int rows, int columns, int maxLevel = FullRange)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLevel, FullRange);
        if (weights.Length != rows * columns)
        {
            throw new ArgumentException($"A [{rows}, {columns}] matrix has {rows * columns} values, got {weights.Length}.", nameof(weights));
        }

        var scales = new float[columns];
        for (var row = 0; row < rows; row++)
        {
            var values = weights.Slice(row * columns, columns);
            for (var column = 0; column < columns; column++)
            {
                if (!float.IsFinite(values[column]))
                {
                    throw new ArgumentException($"Weight [{row}, {column}] is {values[column]}.", nameof(weights));
                }

                scales[column] = MathF.Max(scales[column], MathF.Abs(values[column]));
            }
        }

        for (var column = 0; column < columns; column++)
        {
            // An all-zero column quantizes to zeros under any scale; 1 keeps the division defined.
            scales[column] = scales[column] > 0f ? scales[column] / maxLevel : 1f;
        }

        var quantized = new sbyte[weights.Length];
        for (var index = 0; index < weights.Length; index++)
        {
            var level = MathF.Round(weights[index] / scales[index % columns], MidpointRounding.ToEven);
            quantized[index] = (sbyte)Math.Clamp(level, -maxLevel, maxLevel);
        }

        return new PerColumnInt8Weights(quantized, scales, rows, columns, maxLevel);
    }
}
