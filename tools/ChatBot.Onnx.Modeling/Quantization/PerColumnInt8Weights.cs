namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>
/// A row-major [rows, columns] weight matrix stored as int8 with one scale per output column and zero point 0:
/// <c>w[r, c] ≈ Values[r, c] · Scales[c]</c>.
/// </summary>
public sealed class PerColumnInt8Weights
{
    internal PerColumnInt8Weights(sbyte[] values, float[] scales, int rows, int columns, int maxLevel)
    {
        Values = values;
        Scales = scales;
        Rows = rows;
        Columns = columns;
        MaxLevel = maxLevel;
    }

    public sbyte[] Values { get; }

    public float[] Scales { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Quantized values lie in [−MaxLevel, MaxLevel].</summary>
    public int MaxLevel { get; }

    /// <summary>The float matrix the int8 values stand for (what the quantized graph effectively multiplies by).</summary>
    public float[] Dequantize()
    {
        var result = new float[Values.Length];
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                var index = (row * Columns) + column;
                result[index] = Values[index] * Scales[column];
            }
        }

        return result;
    }
}
