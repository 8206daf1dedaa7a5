using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Tests;

public sealed class DotProductTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(512)]
    [InlineData(515)]
    public void Matches_a_double_precision_sum_for_any_length(int length)
    {
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var y = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        var expected = x.Zip(y, (a, b) => (double)a * b).Sum();

        Assert.Equal(expected, DotProduct.Of(x, y), 4);
    }

    [Fact]
    public void Vectors_of_different_length_are_rejected() =>
        Assert.Throws<ArgumentException>(() => DotProduct.Of(new float[3], new float[4]));
}
