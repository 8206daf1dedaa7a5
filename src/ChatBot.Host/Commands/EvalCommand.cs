using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Answers;
using ChatBot.Core.Answers.Calibration;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>eval --questions FILE [--json] [--retriever R] [--policy P] [--calibrate [--write]]</c>: ranking quality,
/// what users see (useful, confidently wrong, declines) and, with --calibrate, a fitted answer calibration.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var questions = new Option<FileInfo>("--questions") { Description = "JSON lines: {question, expect_articles, expect_any}.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the figures and per-question rows as JSON." };
        var retriever = new Option<string?>("--retriever")
        {
            Description = "hybrid (default: BM25 + dense, re-ranked by late interaction), fused (hybrid without the re-rank), bm25 or dense.",
        };
        retriever.AcceptOnlyFromAmong("hybrid", "fused", "bm25", "dense");
        var policy = new Option<string?>("--policy") { Description = "tiered (default: the model's calibration) or threshold (the similarity threshold rule)." };
        policy.AcceptOnlyFromAmong("tiered", "threshold");
        var calibrate = new Option<bool>("--calibrate") { Description = "Fit the model's answer calibration on this set and show leave-one-article-out results." };
        var write = new Option<bool>("--write") { Description = "With --calibrate: store the fit in the model's manifest.json." };
        var command = new Command("eval", "Measure ranking (hit@1, recall@3, MRR) and what users see on a question set.")
        {
            questions, json, retriever, policy, calibrate, write,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var file = parse.GetValue(questions)!;
            var set = await new EvalSetReader().ReadAsync(file.FullName, ct);
            await services.GetRequiredService<ArticleLibrary>().EnsureCurrentAsync(ct);
            var summary = await ActivatorUtilities.CreateInstance<EvalRunner>(services).RunAsync(set, ct);
            if (parse.GetValue(calibrate))
            {
                return await CalibrateAsync(services, set, summary, file.Name, parse.GetValue(write), ct);
            }

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
            switch (parse.GetValue(retriever))
            {
                case "fused":
                    builder.Configuration["Retrieval:LateInteractionWeight"] = "0";
                    break;
                case { } mode:
                    builder.Configuration["Retrieval:Mode"] = mode;
                    break;
            }

            if (parse.GetValue(policy) == "threshold")
            {
                builder.Configuration["Answers:Calibrated"] = "false";
            }
        }));
        return command;
    }

    private static async Task<int> CalibrateAsync(
        IServiceProvider services, IReadOnlyList<EvalQuestion> set, EvalSummary summary, string setName, bool write, CancellationToken cancellationToken)
    {
        var samples = EvalRunner.CalibrationSamples(set, summary);
        var model = await services.GetRequiredService<DenseIndex>().GetModelAsync(cancellationToken);
        if (model is null || samples.Count < 20 || samples.All(s => s.TopOneRight) || !samples.Any(s => s.TopOneRight))
        {
            Console.Error.WriteLine($"Cannot calibrate: {(model is null ? "no embedding model is loaded" : $"{samples.Count} usable questions, with right and wrong first passages both needed (at least 20)")}.");
            return VerbRunner.Failed;
        }

        var calibration = CalibrationFitter.Fit(samples, $"{setName}, {samples.Count} questions");
        var folds = LeaveOneArticleOut.Run(samples);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("held out").AddColumn("answer at / closest at").AddColumn("useful").AddColumn("confidently wrong")
            .AddColumn("unhelpful declines").AddColumn("off-topic declined / closest / answered");
        foreach (var fold in folds)
        {
            AddRow(table, fold.Article, fold.Calibration, fold.Measures);
        }

        AddRow(table, "(fitted on all, in-sample)", calibration, LeaveOneArticleOut.Measure(samples, calibration));
        AnsiConsole.Write(table);
        Console.Out.WriteLine(calibration.ToJson());
        if (write)
        {
            var manifest = model.Generator.GetService(typeof(ModelManifest)) as ModelManifest
                ?? throw new InvalidOperationException($"{model.ModelId} has no manifest to write to.");
            var path = Path.Combine(manifest.Directory, "manifest.json");
            var document = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!.AsObject();
            document["answer_calibration"] = JsonNode.Parse(calibration.ToJson());
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await File.WriteAllTextAsync(path, document.ToJsonString(options) + "\n", cancellationToken);
            Console.Error.WriteLine($"Wrote answer_calibration to {path}");
        }

        return VerbRunner.Ok;
    }

    private static void AddRow(Table table, string name, AnswerCalibration calibration, UserMeasures measures) =>
        table.AddRow(
            Markup.Escape(name),
            $"{calibration.AnswerAt:F2} / {calibration.ClosestAt:F2}",
            $"{measures.Useful}/{measures.Answerable}",
            measures.ConfidentlyWrong.ToString(CultureInfo.InvariantCulture),
            measures.UnhelpfulDeclines.ToString(CultureInfo.InvariantCulture),
            $"{measures.OffTopicDeclined} / {measures.OffTopicClosest} / {measures.OffTopicAnswered}");

    private static void Write(EvalSummary summary)
    {
        static string Pct(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Figure").AddColumn("Value");
        table.AddRow("retriever", summary.Retriever);
        table.AddRow("questions (answerable / off-topic)", $"{summary.Questions} ({summary.Answerable} / {summary.OffTopic})");
        table.AddRow("hit@1", Pct(summary.HitAt1));
        table.AddRow("recall@3", Pct(summary.RecallAt3));
        table.AddRow("MRR", summary.Mrr.ToString("F3", CultureInfo.InvariantCulture));
        if (summary.User is { } user)
        {
            table.AddRow("useful", $"{Pct(user.UsefulRate)} ({user.Useful}/{user.Answerable})");
            table.AddRow("confidently wrong", user.ConfidentlyWrong.ToString(CultureInfo.InvariantCulture));
            table.AddRow("unhelpful declines", user.UnhelpfulDeclines.ToString(CultureInfo.InvariantCulture));
            table.AddRow("off-topic declined / closest / answered", $"{user.OffTopicDeclined} / {user.OffTopicClosest} / {user.OffTopicAnswered}");
        }

        foreach (var (kind, rate) in summary.HitAt1ByKind)
        {
            var measures = summary.UserByKind?.GetValueOrDefault(kind);
            table.AddRow($"hit@1 ({Markup.Escape(kind)})", measures is null ? Pct(rate) : $"{Pct(rate)}; useful {measures.Useful}/{measures.Answerable}, confidently wrong {measures.ConfidentlyWrong}");
        }

        AnsiConsole.Write(table);
        foreach (var row in summary.Rows.Where(r => r.ShouldDecline ? r.Tier != TierNames.Declined : !r.HitAt1))
        {
            var outcome = row.ShouldDecline ? $"off-topic, {row.Tier}" : row.Tier == TierNames.Declined ? "declined" : $"{row.Tier}: {row.TopArticle}#{row.TopPassage}{(row.ShownRight ? " (a right passage shown)" : string.Empty)}";
            AnsiConsole.MarkupLine($"[yellow]miss[/] {Markup.Escape(row.Question)} — {Markup.Escape(outcome)}");
        }
    }
}
