using Microsoft.ML.OnnxRuntime;
using ChatBot.Onnx.Modeling.Tests.Support;
using ChatBot.Onnx.Modeling.TinyBert;

namespace ChatBot.Onnx.Modeling.Tests.TinyBert;

/// <summary>Runs the tiny BERT in ONNX Runtime (the official runtime) to check the graph is valid and masks padding.</summary>
public sealed class TinyBertInferenceTests
{
    private const int Hidden = 32;

    [Fact]
    public void Padding_does_not_change_the_states_of_real_tokens()
    {
        using var session = TestRuns.Open(new TinyBertModelBuilder().Build());

        var alone = Run(session, [[101, 7592, 2088, 102]]);
        var padded = Run(session, [[101, 7592, 2088, 102], [101, 2088, 7592, 2088, 7592, 102]]);

        Assert.Equal([1L, 4L, Hidden], alone.Shape);
        Assert.Equal([2L, 6L, Hidden], padded.Shape);
        for (var i = 0; i < 4 * Hidden; i++)
        {
            Assert.Equal(alone.AsFloats()[i], padded.AsFloats()[i], 4);
        }
    }

    [Fact]
    public void Different_tokens_give_different_states()
    {
        using var session = TestRuns.Open(new TinyBertModelBuilder().Build());

        var first = Run(session, [[101, 7592, 102]]).AsFloats();
        var second = Run(session, [[101, 2088, 102]]).AsFloats();

        Assert.NotEqual(first[Hidden..(2 * Hidden)], second[Hidden..(2 * Hidden)]);
    }

    /// <summary>Pads the rows to the longest with id 0 and mask 0.</summary>
    private static TestOutput Run(InferenceSession session, long[][] rows)
    {
        var length = rows.Max(row => row.Length);
        var ids = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row].CopyTo(ids, row * length);
            Array.Fill(mask, 1L, row * length, rows[row].Length);
        }

        return session.Run(
            [
                TestInput.Int64(TinyBertModelBuilder.InputIds, ids, rows.Length, length),
                TestInput.Int64(TinyBertModelBuilder.AttentionMask, mask, rows.Length, length),
                TestInput.Int64(TinyBertModelBuilder.TokenTypeIds, new long[rows.Length * length], rows.Length, length),
            ],
            TinyBertModelBuilder.LastHiddenState);
    }
}
