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

    /// <summary>
    /// Hybrid retrieval with the default model (arctic-embed-xs, extracted from its NuGet package at set-up) against
    /// BM25 alone, both through the real executable: hybrid must win on paraphrases and lose nothing else.
    /// </summary>
    [Fact]
    public async Task Hybrid_with_the_default_model_beats_bm25_on_paraphrases_and_keeps_every_other_figure()
    {
        var questions = Path.Combine(RepoPaths.Root, "tests", "eval", "questions.jsonl");
        using var host = new HostProcess();
        host.Environment["Embeddings__Model"] = "arctic-embed-xs";

        var bm25 = await EvalAsync(host, questions, "bm25");
        var hybrid = await EvalAsync(host, questions, "hybrid");

        Assert.Equal("hybrid", hybrid.GetProperty("retriever").GetString());
        Assert.True(Figure(hybrid, "by_kind", "paraphrase") > Figure(bm25, "by_kind", "paraphrase"), "paraphrase hit@1");
        foreach (var higherIsBetter in new[] { "hit_at_1", "recall_at_3", "mrr", "declined_off_topic" })
        {
            Assert.True(Figure(hybrid, higherIsBetter) >= Figure(bm25, higherIsBetter), higherIsBetter);
        }

        Assert.True(Figure(hybrid, "false_declines") <= Figure(bm25, "false_declines"), "false_declines");
        Assert.True(Figure(hybrid, "hit_at_1") >= 0.8, $"hybrid hit@1 {Figure(hybrid, "hit_at_1")}");
        Assert.Equal(1.0, Figure(hybrid, "declined_off_topic"));
    }

    private static async Task<System.Text.Json.JsonElement> EvalAsync(HostProcess host, string questions, string retriever)
    {
        var (code, stdout, stderr) = await host.RunAsync("eval", "--questions", questions, "--json", "--retriever", retriever);
        Assert.True(code == 0, stderr);
        return System.Text.Json.JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static double Figure(System.Text.Json.JsonElement summary, string name, string? kind = null) =>
        kind is null ? summary.GetProperty(name).GetDouble() : summary.GetProperty(name).GetProperty(kind).GetDouble();
}
