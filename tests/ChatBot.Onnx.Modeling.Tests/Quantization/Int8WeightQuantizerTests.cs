using ChatBot.Onnx.Modeling.Quantization;

namespace ChatBot.Onnx.Modeling.Tests.Quantization;

public sealed class Int8WeightQuantizerTests
{
    private const int Rows = 48;
    private const int Columns = 20;

    [Theory]
    [InlineData(Int8WeightQuantizer.FullRange)]
    [InlineData(Int8WeightQuantizer.ReducedRange)]
    public void Every_dequantized_weight_is_within_half_a_step_of_the_original(int maxLevel)
    {
        var weights = Matrix(seed: 7);

        var quantized = Int8WeightQuantizer.QuantizePerColumn(weights, Rows, Columns, maxLevel);
        var restored = quantized.Dequantize();

        for (var index = 0; index < weights.Length; index++)
        {
            var step = quantized.Scales[index % Columns];
            // Half a step, plus float rounding of the division and the product.
            Assert.True(Math.Abs(restored[index] - weights[index]) <= (0.5f * step) + (1e-6f * Math.Abs(weights[index])),
                $"[{index / Columns}, {index % Columns}]: {weights[index]} became {restored[index]} (step {step}).");
        }
    }

    [Theory]
    [InlineData(Int8WeightQuantizer.FullRange)]
    [InlineData(Int8WeightQuantizer.ReducedRange)]
    public void Each_column_uses_its_own_scale_and_its_largest_weight_reaches_the_top_level(int maxLevel)
    {
        var weights = Matrix(seed: 11);

        var quantized = Int8WeightQuantizer.QuantizePerColumn(weights, Rows, Columns, maxLevel);

        Assert.All(quantized.Values, value => Assert.InRange(value, -maxLevel, maxLevel));
        for (var column = 0; column < Columns; column++)
        {
            var largest = Enumerable.Range(0, Rows).Max(row => Math.Abs(weights[(row * Columns) + column]));
            Assert.Equal(largest / maxLevel, quantized.Scales[column], 1e-6f * largest);
            Assert.Equal(maxLevel, Enumerable.Range(0, Rows).Max(row => Math.Abs((int)quantized.Values[(row * Columns) + column])));
        }

        // The test matrix's columns differ in magnitude by 2^k, so one shared scale would not fit them all.
        Assert.True(quantized.Scales.Max() / quantized.Scales.Min() > 100f);
    }

    [Fact]
    public void An_all_zero_column_stays_zero_with_a_finite_scale()
    {
        var weights = Matrix(seed: 3);
        for (var row = 0; row < Rows; row++)
        {
            weights[(row * Columns) + 5] = 0f;
        }

        var quantized = Int8WeightQuantizer.QuantizePerColumn(weights, Rows, Columns);

        Assert.True(float.IsFinite(quantized.Scales[5]) && quantized.Scales[5] > 0f);
        Assert.All(Enumerable.Range(0, Rows), row => Assert.Equal(0, quantized.Values[(row * Columns) + 5]));
    }

    [Fact]
    public void Quantization_is_symmetric_so_negating_the_weights_negates_the_values()
    {
        var weights = Matrix(seed: 5);

        var positive = Int8WeightQuantizer.QuantizePerColumn(weights, Rows, Columns);
        var negative = Int8WeightQuantizer.QuantizePerColumn(weights.Select(w => -w).ToArray(), Rows, Columns);

        Assert.Equal(positive.Scales, negative.Scales);
        Assert.Equal(positive.Values.Select(v => (sbyte)-v), negative.Values);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        var weights = Matrix(seed: 1);

        Assert.Throws<ArgumentException>(() => Int8WeightQuantizer.QuantizePerColumn(weights.AsSpan(1), Rows, Columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => Int8WeightQuantizer.QuantizePerColumn(weights, Rows, Columns, maxLevel: 128));
        weights[17] = float.NaN;
        Assert.Throws<ArgumentException>(() => Int8WeightQuantizer.QuantizePerColumn(weights, Rows, Columns));
    }

    /// <summary>Seeded normal-ish weights whose column c is scaled by 2^(c mod 8) / 64.</summary>
    internal static float[] Matrix(int seed, int rows = Rows, int columns = Columns)
    {
        var random = new Random(seed);
        var weights = new float[rows * columns];
        for (var index = 0; index < weights.Length; index++)
        {
            var gaussian = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            weights[index] = gaussian * (1 << (index % columns % 8)) / 64f;
        }

        return weights;
    }
}
