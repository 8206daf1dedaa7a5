using System.Numerics.Tensors;
using ChatBot.Core.Retrieval.LateInteraction;

namespace ChatBot.Core.Tests.LateInteraction;

public sealed class TokenStatesTests
{
    private static float[] UnitRows(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count * dimensions];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                row[d] = (float)((random.NextDouble() * 2) - 1);
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm<float>(row), row);
        }

        return rows;
    }

    [Fact]
    public void The_stored_form_reads_back_bit_for_bit()
    {
        var states = TokenStates.Quantize(UnitRows(7, 384, 1), 384);

        var read = TokenStates.FromBytes(states.ToBytes());

        Assert.Equal(states.ToBytes(), read.ToBytes());
        Assert.Equal(7, read.Count);
        Assert.Equal(384, read.Dimensions);
    }

    [Fact]
    public void An_int8_row_gives_the_float_cosine_to_within_a_hundredth()
    {
        var rows = UnitRows(20, 384, 2);
        var query = UnitRows(1, 384, 3);
        var states = TokenStates.Quantize(rows, 384);

        for (var r = 0; r < 20; r++)
        {
            var exact = TensorPrimitives.Dot(rows.AsSpan(r * 384, 384), query);
            Assert.InRange(states.Dot(r, query), exact - 0.01f, exact + 0.01f);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    public void A_blob_of_the_wrong_length_is_an_error_not_a_misread(int cut)
    {
        var bytes = TokenStates.Quantize(UnitRows(3, 8, 4), 8).ToBytes();

        Assert.Throws<InvalidDataException>(() => TokenStates.FromBytes(cut < bytes.Length ? bytes.AsSpan(0, cut) : bytes.Concat(new byte[1]).ToArray()));
    }
}
