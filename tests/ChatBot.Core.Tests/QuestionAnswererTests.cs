using ChatBot.Core.Answers;
using ChatBot.Core.Answers.Calibration;
using ChatBot.Core.Articles;
using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

public sealed class QuestionAnswererTests
{
    private static readonly ArticleMetadata ArticleA = new("a", "Title A", "Pub", null, new PublicationDate(new DateOnly(2014, 11, 10), true, "explicit"));
    private static readonly ArticleMetadata ArticleB = new("b", "Title B", null, "https://b.example", PublicationDate.Unknown("none"));

    private static QuestionAnswerer Answerer(params RetrievalCandidate[] candidates)
    {
        var options = Options.Create(new AnswerOptions { MinLexicalCoverage = 0.5, SecondaryMargin = 0.1 });
        return new QuestionAnswerer(new FixedRetriever(candidates), new FixedLookup(), new AnswerPolicy(options), options);
    }

    [Fact]
    public async Task Declines_and_cites_nothing_when_no_candidate_has_enough_evidence()
    {
        var answer = await Answerer(new RetrievalCandidate(1, "a", 9, 0.2, null)).AnswerAsync("q");
        Assert.False(answer.Answered);
        Assert.Empty(answer.Passages);
    }

    [Fact]
    public async Task Declines_when_nothing_is_retrieved()
    {
        Assert.False((await Answerer().AnswerAsync("q")).Answered);
    }

    [Fact]
    public async Task Cites_the_best_candidate_that_answers_even_if_a_weaker_one_ranks_higher()
    {
        var answer = await Answerer(new RetrievalCandidate(1, "a", 10, 0.3, null), new RetrievalCandidate(2, "a", 9, 0.9, null)).AnswerAsync("q");
        Assert.True(answer.Answered);
        Assert.Equal(2, Assert.Single(answer.Passages).Ordinal);
    }

    [Fact]
    public async Task Cites_another_article_only_when_its_own_coverage_is_nearly_as_strong()
    {
        // Coverage threshold 0.5, margin 0.1 × (1 − 0.5): a further citation needs coverage ≥ 0.9 − 0.05.
        var answer = await Answerer(
            new RetrievalCandidate(1, "a", 10, 0.9, null),
            new RetrievalCandidate(2, "a", 9.9, 0.9, null),
            new RetrievalCandidate(3, "b", 8.5, 0.88, null),
            new RetrievalCandidate(4, "c", 9.5, 0.6, null)).AnswerAsync("q");

        Assert.Equal([1, 3], answer.Passages.Select(p => p.Ordinal));
        Assert.Equal(10, answer.Passages[0].Score);
    }

    /// <summary>
    /// The Nagato question as arctic-embed-xs saw it: the passages behind it shared the leaders' names (coverage
    /// near the answer's) or the topic (similarity above the threshold) and ranked within 10 % of the answer, but
    /// neither said where Thursday's talks were. Only a passage as strong on both kinds of evidence is cited beside it.
    /// </summary>
    [Fact]
    public async Task Does_not_cite_passages_that_rank_close_but_are_weaker_on_either_kind_of_evidence()
    {
        var options = Options.Create(new AnswerOptions { MinLexicalCoverage = 0.45, MinDenseSimilarity = 0.65, SecondaryMargin = 0.1 });
        var answerer = new QuestionAnswerer(
            new FixedRetriever([
                new RetrievalCandidate(1, "a", 0.84, 0.47, 0.870),
                new RetrievalCandidate(3, "b", 0.80, 0.46, 0.798),
                new RetrievalCandidate(4, "c", 0.83, 0.15, 0.868),
                new RetrievalCandidate(5, "d", 0.70, 0.47, 0.860),
            ]),
            new FixedLookup(),
            new AnswerPolicy(options),
            options);

        var answer = await answerer.AnswerAsync("Where did Putin and Abe hold talks on Thursday during the visit to Japan?");

        // 3: similarity 0.072 below the answer's (allowed 0.1 × 0.35 = 0.035); 4: shares too few of the words;
        // 5: within both margins although it ranks lowest.
        Assert.Equal([1, 5], answer.Passages.Select(p => p.Ordinal));
    }

    [Fact]
    public async Task Respects_max_passages()
    {
        var answer = await Answerer(
            new RetrievalCandidate(1, "a", 10, 0.9, null),
            new RetrievalCandidate(3, "b", 9.5, 0.9, null)).AnswerAsync("q", maxPassages: 1);
        Assert.Single(answer.Passages);
    }

    [Fact]
    public async Task Dense_similarity_above_the_threshold_answers_without_lexical_overlap()
    {
        var options = Options.Create(new AnswerOptions { MinLexicalCoverage = 0.5, MinDenseSimilarity = 0.4 });
        var answerer = new QuestionAnswerer(
            new FixedRetriever([new RetrievalCandidate(1, "a", 1, 0.0, 0.55)]), new FixedLookup(), new AnswerPolicy(options), options);
        Assert.True((await answerer.AnswerAsync("q")).Answered);

        var strict = Options.Create(new AnswerOptions { MinLexicalCoverage = 0.5, MinDenseSimilarity = 0.6 });
        var declining = new QuestionAnswerer(
            new FixedRetriever([new RetrievalCandidate(1, "a", 1, 0.0, 0.55)]), new FixedLookup(), new AnswerPolicy(strict), strict);
        Assert.False((await declining.AnswerAsync("q")).Answered);
    }

    /// <summary>A calibration that reads only the top similarity: P(first answers) = σ(10 s − 7), P(in top 3) = σ(10 s − 5).</summary>
    private static readonly AnswerCalibration BySimilarity = new(
        ConfidenceFeatures.Names,
        new double[ConfidenceFeatures.Names.Count],
        Enumerable.Repeat(1.0, ConfidenceFeatures.Names.Count).ToList(),
        new LogisticModel(-7, [10, 0, 0, 0, 0, 0, 0, 0]),
        new LogisticModel(-5, [10, 0, 0, 0, 0, 0, 0, 0]),
        AnswerAt: 0.8,
        ClosestAt: 0.3,
        FittedOn: "test");

    private static QuestionAnswerer Calibrated(AnswerCalibration? calibration, params RetrievalCandidate[] candidates)
    {
        var options = Options.Create(new AnswerOptions { MinLexicalCoverage = 0.5, MinDenseSimilarity = 0.6 });
        return new QuestionAnswerer(new FixedRetriever(candidates), new FixedLookup(), new AnswerPolicy(options), options, new FixedModel(calibration));
    }

    private static RetrievalCandidate Candidate(long id, double similarity) =>
        new(id, id == 3 ? "b" : "a", 1.0 / id, 0.5, similarity) { QuestionTerms = 3 };

    [Theory]
    [InlineData(0.90, AnswerTier.Answered, 1)]
    [InlineData(0.65, AnswerTier.Closest, 3)]
    [InlineData(0.40, AnswerTier.Declined, 0)]
    public async Task The_calibrated_estimate_chooses_the_tier_and_what_is_shown(double similarity, AnswerTier tier, int shown)
    {
        var answer = await Calibrated(BySimilarity, Candidate(1, similarity), Candidate(2, similarity - 0.2), Candidate(3, similarity - 0.3), Candidate(4, 0.1))
            .AnswerAsync("Where did they meet?");

        Assert.Equal(tier, answer.Tier);
        Assert.Equal(shown, answer.Passages.Count);
        Assert.Equal(tier == AnswerTier.Answered, answer.Answered);
        Assert.Equal(1 / (1 + Math.Exp(-((10 * similarity) - 7))), answer.Confidence!.Value, 9);
        Assert.Equal("calibrated", answer.Diagnostics!.Rule);
    }

    [Theory]
    [InlineData("thanks!")]
    [InlineData("Thank you so much")]
    public async Task Small_talk_is_declined_even_when_a_passage_shares_its_word(string question)
    {
        var answer = await Calibrated(BySimilarity, Candidate(1, 0.7)).AnswerAsync(question);

        Assert.Equal(AnswerTier.Declined, answer.Tier);
        Assert.Empty(answer.Passages);
    }

    [Fact]
    public async Task A_question_whose_words_the_library_never_uses_is_declined_not_shown_closest_passages()
    {
        var unseen = Candidate(1, 0.7) with { QuestionTerms = 2, UnseenQuestionTerms = 2 };
        var unknownName = Candidate(1, 0.7) with { QuestionTerms = 2, UnknownNames = 1 };

        Assert.Equal(AnswerTier.Declined, (await Calibrated(BySimilarity, unseen).AnswerAsync("Which industries were targeted?")).Tier);
        Assert.Equal(AnswerTier.Declined, (await Calibrated(BySimilarity, unknownName).AnswerAsync("What is the capital of France?")).Tier);
        Assert.Equal(AnswerTier.Closest, (await Calibrated(BySimilarity, Candidate(1, 0.7) with { QuestionTerms = 3, UnknownNames = 1 }).AnswerAsync("q")).Tier);
    }

    [Fact]
    public async Task Without_a_calibration_the_threshold_rule_answers_or_declines_and_never_shows_closest_passages()
    {
        Assert.Equal(AnswerTier.Answered, (await Calibrated(null, Candidate(1, 0.65)).AnswerAsync("q")).Tier);
        Assert.Equal(AnswerTier.Declined, (await Calibrated(null, Candidate(1, 0.4)).AnswerAsync("q")).Tier);
        Assert.Equal("threshold", (await Calibrated(null, Candidate(1, 0.5)).AnswerAsync("q")).Diagnostics!.Rule);
    }

    private sealed class FixedModel(AnswerCalibration? calibration) : IAnswerModelSource
    {
        public bool EmbedsArticleTitle => false;

        public Task<EmbeddingModelHandle?> GetModelAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<EmbeddingModelHandle?>(new EmbeddingModelHandle(null!, "test", 4, 0.6, null, null) { Calibration = calibration });
    }

    private sealed class FixedRetriever(IReadOnlyList<RetrievalCandidate> candidates) : IPassageRetriever
    {
        public string Name => "fixed";

        public Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(string question, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult(candidates);
    }

    /// <summary>Passage id doubles as ordinal so tests can see which passage was cited.</summary>
    private sealed class FixedLookup : IPassageLookup
    {
        public Task<IReadOnlyDictionary<long, CitedPassage>> GetAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<long, CitedPassage>>(passageIds.ToDictionary(
                id => id,
                id => new CitedPassage(id == 3 ? ArticleB : ArticleA, (int)id, $"passage {id}", 0)));
    }
}
