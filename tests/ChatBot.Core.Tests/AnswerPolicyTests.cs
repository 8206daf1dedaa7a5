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

    private static RetrievalCandidate Candidate(double coverage, double? similarity, int unseenTerms = 0) =>
        new(1, "a", 1, coverage, similarity) { UnseenQuestionTerms = unseenTerms };

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

    [Theory]
    [InlineData(0.0, 0.68, 0, true)] // above 0.65
    [InlineData(0.0, 0.68, 1, false)] // a word no article has: the bar is 0.65 + 0.12 × 0.35 = 0.692
    [InlineData(0.0, 0.70, 2, true)] // the rise does not grow with the count
    [InlineData(0.6, 0.60, 1, true)] // the words still lower the raised bar: 0.692 − 0.3 × 0.308 = 0.600
    [InlineData(0.6, 0.58, 1, false)] // … but not as far as without the unseen word (0.545)
    public void A_question_word_the_library_never_uses_raises_the_similarity_bar(double coverage, double similarity, int unseen, bool answers)
    {
        Assert.Equal(answers, Policy(0.65).Answers(Candidate(coverage, similarity, unseen)));
    }

    [Fact]
    public void Unseen_words_change_nothing_without_a_model()
    {
        Assert.True(Policy(null).Answers(Candidate(0.5, null, unseenTerms: 3)));
        Assert.True(Policy(0.65).Answers(Candidate(0.5, null, unseenTerms: 3)));
    }
}
