using ChatBot.Core.Answers;
using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

public sealed class AnswerPolicyTests
{
    private static AnswerPolicy Policy(double? similarityThreshold) => new(Options.Create(new AnswerOptions
    {
        MinLexicalCoverage = 0.45,
        MinDenseSimilarity = similarityThreshold,
        LexicalSupport = 0.3,
    }));

    private static RetrievalCandidate Candidate(double coverage, double? similarity) => new(1, "a", 1, coverage, similarity);

    [Theory]
    [InlineData(0.0, 0.66, true)] // meaning alone, above the threshold
    [InlineData(0.6, 0.56, true)] // the words lower the bar to 0.65 − 0.3 × 0.35 = 0.545
    [InlineData(1.0, 0.50, false)] // "thanks!" against "Putin thanked …": every word, but far in meaning
    [InlineData(0.3, 0.60, false)] // too few words for support, too far for meaning alone
    public void With_a_model_similarity_decides_and_the_words_only_lower_its_bar(double coverage, double similarity, bool answers)
    {
        Assert.Equal(answers, Policy(0.65).Answers(Candidate(coverage, similarity)));
    }

    [Fact]
    public void Without_similarity_evidence_coverage_alone_decides()
    {
        Assert.True(Policy(null).Answers(Candidate(0.5, null)));
        Assert.False(Policy(null).Answers(Candidate(0.4, null)));
        // A model is configured but this candidate came from BM25 alone (no vector): still coverage.
        Assert.True(Policy(0.65).Answers(Candidate(0.5, null)));
    }
}
