using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Tests.LateInteraction;

public sealed class MaxSimTests
{
    // Axis-aligned unit rows: the cosine of two rows is 1 on the same axis, 0 otherwise, and exact in int8.
    private static float[] Axes(params int[] axes) => axes.SelectMany(a => Enumerable.Range(0, 4).Select(d => d == a ? 1f : 0f)).ToArray();

    private static QueryTokens Query(string[] pieces, int[] axes, Bm25Index index) =>
        QueryTokens.From(new EncodedTokens(new float[4], Axes(axes), pieces), new QueryAnalyzer(new TermAnalyzer()), index);

    private static Bm25Index Index(params string[] passages)
    {
        var builder = new Bm25IndexBuilder(new TermAnalyzer());
        for (var i = 0; i < passages.Length; i++)
        {
            builder.Add(i + 1, "a", passages[i]);
        }

        return builder.Build(0);
    }

    [Fact]
    public void Stop_words_and_punctuation_weigh_nothing_and_rare_words_weigh_most()
    {
        var index = Index("Putin met Abe in Nagato", "Putin spoke", "Putin left");

        var query = Query(["where", "did", "putin", "meet", "?"], [0, 0, 1, 2, 3], index);

        Assert.Equal(0, query.Weights[0]);
        Assert.Equal(0, query.Weights[1]);
        Assert.Equal(0, query.Weights[4]);
        Assert.True(query.Weights[3] > query.Weights[2], "'meet' (one passage) must outweigh 'putin' (all three)");
        Assert.Equal(1, query.Weights.Sum(), 6);
    }

    [Fact]
    public void A_word_split_into_pieces_weighs_as_one_word_shared_among_them()
    {
        var index = Index("Abe visited Nagato", "Abe spoke");

        var query = Query(["nag", "##ato", "abe"], [0, 1, 2], index);

        Assert.Equal(query.Weights[0], query.Weights[1]);
        Assert.True(query.Weights[0] + query.Weights[1] > query.Weights[2]);
    }

    [Fact]
    public void The_score_is_the_weighted_best_match_of_each_question_token_and_remembers_where_it_matched()
    {
        var index = Index("alpha beta", "gamma");
        var query = Query(["alpha", "gamma"], [0, 1], index);
        var passage = TokenStates.Quantize(Axes(2, 1, 3), 4);

        var alignment = MaxSim.Align(query, passage);

        // "alpha" (axis 0) finds no match (best cosine 0); "gamma" (axis 1) matches row 1 exactly.
        Assert.Equal(query.Weights[1], alignment.Score, 3);
        Assert.Equal(1, alignment.BestRows[1]);
        Assert.Equal(query.Weights[1], alignment.ScoreWithin(1, 2), 3);
        Assert.Equal(0, alignment.ScoreWithin(2, 3), 3);
    }
}
