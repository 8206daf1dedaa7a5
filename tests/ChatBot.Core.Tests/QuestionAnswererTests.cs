using ChatBot.Core.Answers;
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
        var options = Options.Create(new AnswerOptions { MinLexicalCoverage = 0.5, NearlyAsGood = 0.8 });
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
    public async Task Adds_nearly_as_good_passages_only_from_other_articles()
    {
        var answer = await Answerer(
            new RetrievalCandidate(1, "a", 10, 0.9, null),
            new RetrievalCandidate(2, "a", 9.9, 0.9, null),
            new RetrievalCandidate(3, "b", 8.5, 0.9, null),
            new RetrievalCandidate(4, "c", 5, 0.9, null)).AnswerAsync("q");

        Assert.Equal([1, 3], answer.Passages.Select(p => p.Ordinal));
        Assert.Equal(10, answer.Passages[0].Score);
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
