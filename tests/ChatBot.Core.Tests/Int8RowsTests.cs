using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Tests;

public sealed class Int8RowsTests
{
    [Theory]
    [InlineData(384)] // the vectorised path, 32 values a step
    [InlineData(50)] // a tail the scalar loop finishes
    public void Approximate_scores_are_within_a_few_thousandths_of_the_exact_cosine(int dims)
    {
        var random = new Random(5);
        const int rows = 300;
        var values = new float[rows * dims];
        for (var row = 0; row < rows; row++)
        {
            Unit(random, dims).CopyTo(values, row * dims);
        }

        var int8 = Int8Rows.Quantize(values, dims);
        var query = Unit(random, dims);
        var queryScale = query.Max(MathF.Abs) / 127f;
        // Quantized here by hand, not by Int8Rows: a fault shared by its row and query paths (say, values swapped
        // within a row) would cancel out in the dot product otherwise.
        var wide = query.Select(x => (short)MathF.Round(x / queryScale)).ToArray();

        for (var row = 0; row < rows; row++)
        {
            var exact = DotProduct.Of(values.AsSpan(row * dims, dims), query);
            var approximate = int8.ApproximateScore(row, wide) * queryScale;
            Assert.True(Math.Abs(exact - approximate) < 0.01, $"row {row}: {approximate} vs {exact}");
        }

        Assert.Equal(wide, int8.QuantizeQuery(query));
    }

    [Fact]
    public void A_zero_row_scores_zero()
    {
        var int8 = Int8Rows.Quantize(new float[64], 64);

        Assert.Equal(0, int8.ApproximateScore(0, int8.QuantizeQuery(Enumerable.Repeat(0.125f, 64).ToArray())));
    }

    private static float[] Unit(Random random, int dims)
    {
        var vector = Enumerable.Range(0, dims).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var length = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / length).ToArray();
    }
}
