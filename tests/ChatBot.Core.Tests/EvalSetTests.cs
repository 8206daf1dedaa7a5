using ChatBot.Core.Articles;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Passages;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Testing;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

/// <summary>
/// Keeps the eval sets honest: every expected answer is really in its article, a question labelled "paraphrase"
/// shares no content term with the passage that answers it (so it measures understanding, not word overlap), and
/// the held-out set stays apart from the tuning set.
/// </summary>
public sealed class EvalSetTests
{
    private static readonly string TuningSet = Path.Combine(RepoPaths.Root, "tests", "eval", "questions.jsonl");
    private static readonly string HeldOutSet = Path.Combine(RepoPaths.Root, "tests", "eval", "heldout.jsonl");
    private static readonly string NaturalSet = Path.Combine(RepoPaths.Root, "tests", "eval", "natural.jsonl");

    /// <summary>
    /// The passages as the articles were split when the sets were written (paragraphs, short ones merged): pinned
    /// here, not read from the current defaults, so that a finer split cannot make the paraphrase check weaker.
    /// </summary>
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<Passage>>> Passages = new(() =>
    {
        var processor = new ArticleProcessor(
            new ArticleCleaner(),
            new ArticleMetadataExtractor(),
            new PassageSplitter(Options.Create(new PassageOptions { MinLength = 120, MaxLength = 800 })),
            new ArticleSidecarParser(TimeProvider.System));
        return SeedArticles.All.ToDictionary(id => id, id => processor.Process(SeedArticles.Source(id)).Passages);
    });

    public static TheoryData<string> Sets => new() { TuningSet, HeldOutSet, NaturalSet };

    [Fact]
    public async Task Tuning_set_has_enough_questions_of_each_kind()
    {
        var set = await new EvalSetReader().ReadAsync(TuningSet);

        Assert.True(set.Count >= 80, $"{set.Count} questions");
        Assert.True(set.Count(q => q.Kind == "paraphrase") >= 30, "paraphrases");
        Assert.True(set.Count(q => q.ShouldDecline) >= 15, "off-topic questions");
    }

    [Fact]
    public async Task Held_out_set_has_every_kind_and_shares_no_question_with_the_tuning_set()
    {
        var tuning = (await new EvalSetReader().ReadAsync(TuningSet)).Select(q => q.Question).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var heldOut = await new EvalSetReader().ReadAsync(HeldOutSet);

        Assert.True(heldOut.Count >= 25, $"{heldOut.Count} held-out questions");
        Assert.Contains(heldOut, q => q.Kind == "paraphrase");
        Assert.Contains(heldOut, q => q.Kind == "direct");
        Assert.Contains(heldOut, q => q.ShouldDecline);
        Assert.DoesNotContain(heldOut, q => tuning.Contains(q.Question));
    }

    [Fact]
    public async Task The_natural_set_shares_no_question_with_the_others()
    {
        var others = (await new EvalSetReader().ReadAsync(TuningSet)).Concat(await new EvalSetReader().ReadAsync(HeldOutSet))
            .Select(q => q.Question).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var natural = await new EvalSetReader().ReadAsync(NaturalSet);

        Assert.True(natural.Count >= 20, $"{natural.Count} natural questions");
        Assert.Contains(natural, q => q.ShouldDecline);
        Assert.DoesNotContain(natural, q => others.Contains(q.Question));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Every_expected_answer_is_in_an_expected_article(string path)
    {
        var set = await new EvalSetReader().ReadAsync(path);

        Assert.All(set.Where(q => !q.ShouldDecline), question =>
        {
            Assert.NotEmpty(question.ExpectAny);
            Assert.All(question.ExpectArticles, id => Assert.Contains(id, Passages.Value.Keys));
            Assert.True(AnswerPassages(question).Any(), $"no passage of {string.Join(", ", question.ExpectArticles)} contains any of [{string.Join(" | ", question.ExpectAny)}]");
        });
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Paraphrases_share_no_content_term_with_their_answer_passages(string path)
    {
        var analyzer = new QueryAnalyzer(new TermAnalyzer());
        var set = await new EvalSetReader().ReadAsync(path);

        Assert.All(set.Where(q => q.Kind == "paraphrase"), question =>
        {
            var questionTerms = analyzer.ContentTerms(question.Question);
            Assert.NotEmpty(questionTerms);
            foreach (var passage in AnswerPassages(question))
            {
                // Every term of the passage (ContentTerms stops at a question's worth of terms).
                var passageTerms = new HashSet<string>(StringComparer.Ordinal);
                new TermAnalyzer().Analyze(passage.Text, term => passageTerms.Add(term));
                var overlap = questionTerms.Where(passageTerms.Contains).ToList();
                Assert.True(overlap.Count == 0, $"\"{question.Question}\" shares [{string.Join(", ", overlap)}] with {passage.ArticleId}#{passage.Ordinal}");
            }
        });
    }

    private static IEnumerable<Passage> AnswerPassages(EvalQuestion question) =>
        question.ExpectArticles
            .SelectMany(id => Passages.Value[id])
            .Where(p => question.ExpectAny.Any(s => p.Text.Contains(s, StringComparison.OrdinalIgnoreCase)));
}
