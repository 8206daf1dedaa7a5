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

        var alone = TinyBertRuns.Run(session, [[101, 7592, 2088, 102]]);
        var padded = TinyBertRuns.Run(session, [[101, 7592, 2088, 102], [101, 2088, 7592, 2088, 7592, 102]]);

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

        var first = TinyBertRuns.Run(session, [[101, 7592, 102]]).AsFloats();
        var second = TinyBertRuns.Run(session, [[101, 2088, 102]]).AsFloats();

        Assert.NotEqual(first[Hidden..(2 * Hidden)], second[Hidden..(2 * Hidden)]);
    }
}
