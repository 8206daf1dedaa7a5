using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary><c>eval --questions FILE [--json]</c>: retrieval and decline quality on a JSON-lines question set.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var questions = new Option<FileInfo>("--questions") { Description = "JSON lines: {question, expect_articles, expect_any}.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the figures and per-question rows as JSON." };
        var retriever = new Option<string?>("--retriever") { Description = "hybrid (default), bm25 or dense, to compare them." };
        retriever.AcceptOnlyFromAmong("hybrid", "bm25", "dense");
        var command = new Command("eval", "Measure hit@1, recall@3, MRR and declines on a question set.") { questions, json, retriever };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var set = await new EvalSetReader().ReadAsync(parse.GetValue(questions)!.FullName, ct);
            await services.GetRequiredService<ArticleLibrary>().EnsureCurrentAsync(ct);
            var summary = await ActivatorUtilities.CreateInstance<EvalRunner>(services).RunAsync(set, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(summary));
            }
            else
            {
                Write(summary);
            }

            return VerbRunner.Ok;
        }, cancellationToken, configure: builder =>
        {
            if (parse.GetValue(retriever) is { } mode)
            {
                builder.Configuration["Retrieval:Mode"] = mode;
            }
        }));
        return command;
    }

    private static void Write(EvalSummary summary)
    {
        static string Pct(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Figure").AddColumn("Value");
        table.AddRow("retriever", summary.Retriever);
        table.AddRow("questions (answerable / off-topic)", $"{summary.Questions} ({summary.Answerable} / {summary.OffTopic})");
        table.AddRow("hit@1", Pct(summary.HitAt1));
        table.AddRow("recall@3", Pct(summary.RecallAt3));
        table.AddRow("MRR", summary.Mrr.ToString("F3", CultureInfo.InvariantCulture));
        table.AddRow("off-topic declined", Pct(summary.DeclinedOffTopic));
        table.AddRow("false declines", Pct(summary.FalseDeclines));
        foreach (var (kind, rate) in summary.HitAt1ByKind)
        {
            table.AddRow($"hit@1 ({Markup.Escape(kind)})", Pct(rate));
        }

        AnsiConsole.Write(table);
        foreach (var row in summary.Rows.Where(r => r.ShouldDecline ? r.Answered : !r.HitAt1))
        {
            var outcome = row.ShouldDecline ? "answered an off-topic question" : row.Answered ? $"cited {row.TopArticle}#{row.TopPassage}" : "declined";
            AnsiConsole.MarkupLine($"[yellow]miss[/] {Markup.Escape(row.Question)} — {Markup.Escape(outcome)}");
        }
    }
}
