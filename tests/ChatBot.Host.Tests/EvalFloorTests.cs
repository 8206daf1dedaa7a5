using ChatBot.Core.Evaluation;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Host.Tests;

/// <summary>
/// Runs the repository's eval set through the real pipeline and holds the figures above floors. The floors sit a
/// little under what was measured (see README), so a regression in cleaning, ranking or the decline policy fails.
/// </summary>
public sealed class EvalFloorTests
{
    [Fact]
    public async Task Eval_set_has_answerable_paraphrased_and_off_topic_questions()
    {
        var set = await new EvalSetReader().ReadAsync(Path.Combine(RepoPaths.Root, "tests", "eval", "questions.jsonl"));
        Assert.True(set.Count >= 30);
        Assert.True(set.Count(q => q.ShouldDecline) >= 8);
        Assert.True(set.Count(q => q.Kind == "paraphrase") >= 8);
        Assert.All(set.Where(q => !q.ShouldDecline), q => Assert.NotEmpty(q.ExpectAny));
    }

    [Fact]
    public async Task Bm25_answers_stay_above_their_floors()
    {
        await using var bot = await SeedAnswerer.CreateAsync();
        var set = await new EvalSetReader().ReadAsync(Path.Combine(RepoPaths.Root, "tests", "eval", "questions.jsonl"));

        var summary = await ActivatorUtilities.CreateInstance<EvalRunner>(bot.Services).RunAsync(set);

        Assert.True(summary.HitAt1 >= 0.75, $"hit@1 {summary.HitAt1:P1}");
        Assert.True(summary.RecallAt3 >= 0.90, $"recall@3 {summary.RecallAt3:P1}");
        Assert.True(summary.Mrr >= 0.80, $"MRR {summary.Mrr:F3}");
        Assert.True(summary.DeclinedOffTopic >= 0.9, $"off-topic declined {summary.DeclinedOffTopic:P1}");
        Assert.True(summary.FalseDeclines <= 0.15, $"false declines {summary.FalseDeclines:P1}");
    }

    [Fact]
    public async Task A_malformed_eval_line_is_reported_with_its_line_number()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.jsonl");
        await File.WriteAllTextAsync(path, "{\"question\": \"ok\", \"expect_articles\": [], \"expect_any\": []}\n{oops\n");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new EvalSetReader().ReadAsync(path));
        Assert.Contains("bad.jsonl:2", error.Message, StringComparison.Ordinal);
    }
}
