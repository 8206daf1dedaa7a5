using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Tests;

public sealed class CandidatePoolTests
{
    // Two-dimensional unit vectors: cosine with the query (1, 0) is the first component.
    private static readonly PassageMatrix Matrix = new([1, 2, 3], [0.80f, 0.60f, 0.70f, 0.71414284f, 0.60f, 0.80f], 2);
    private static readonly float[] Query = [1, 0];

    // 1: no BM25, cosine 0.80 (dense's best); 2: BM25 5 (scaled 0.5), cosine 0.70; 3: BM25 10 (1.0), cosine 0.60.
    private static CandidatePool Pool() => CandidatePool.From(
        [new LexicalHit(3, "c", 10), new LexicalHit(2, "b", 5)],
        [(1, "a"), (2, "b"), (3, "c")],
        Matrix,
        Query);

    [Fact]
    public void Relative_score_scales_both_sides_to_the_pool()
    {
        var scores = Pool().FuseByRelativeScore(denseWeight: 0.5, lexicalTrust: 1).ToDictionary(s => s.PassageId, s => s.Score);

        // Cosine 0.80 / 0.70 / 0.60 becomes 1 / 0.5 / 0; BM25 becomes 0 / 0.5 / 1.
        Assert.Equal(0.5, scores[1], 6);
        Assert.Equal(0.5, scores[2], 6);
        Assert.Equal(0.5, scores[3], 6);
    }

    [Fact]
    public void Without_lexical_trust_the_ranking_is_the_dense_one()
    {
        var ranked = Pool().FuseByRelativeScore(denseWeight: 0.7, lexicalTrust: 0).OrderByDescending(s => s.Score).Select(s => s.PassageId);

        Assert.Equal([1L, 2L, 3L], ranked);
    }

    [Fact]
    public void Full_lexical_trust_lets_the_only_passage_with_the_words_win_at_an_even_weight()
    {
        var ranked = Pool().FuseByRelativeScore(denseWeight: 0.4, lexicalTrust: 1).OrderByDescending(s => s.Score).Select(s => s.PassageId);

        Assert.Equal(3L, ranked.First());
    }

    [Fact]
    public void Each_candidate_keeps_its_article_and_cosine()
    {
        var pool = Pool();

        Assert.Equal("a", pool.ArticleOf(1));
        Assert.Equal(0.6, pool.SimilarityOf(3)!.Value, 5);
    }
}
