using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Hosting;
using ChatBot.Core.Ingestion;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Host.Bench;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>bench [--sizes 1000,10000,100000] [--asks N] [--json]</c>: speed and scale on the seed corpus and on
/// deterministic synthetic corpora, plus embedding throughput against onnxruntime-node.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Synthetic corpus sizes in passages, comma-separated.", DefaultValueFactory = _ => "1000,10000,100000" };
        var asks = new Option<int>("--asks") { Description = "Timed asks per corpus (after 10 warm-up asks).", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var noProcess = new Option<bool>("--no-process") { Description = "Skip the cold-start runs in a new process." };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated corpora and databases (their folder is printed on stderr)." };
        var command = new Command("bench", "Measure ingest, ask latency, cold start, index size, memory and embedding throughput.") { sizes, asks, json, noProcess, keep };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var sizeList = ParseSizes(parse.GetValue(sizes)!);
            var root = services.GetRequiredService<ContentRoot>();
            var seeds = root.Resolve(services.GetRequiredService<IOptions<LibraryOptions>>().Value.SeedsPath);
            // The eval questions and the node runner are the source tree's, not content: the checkout the bench was built in.
            var checkout = ContentRoot.FindCheckout(root.Path) ?? ContentRoot.FindCheckout(AppContext.BaseDirectory) ?? root.Path;
            var questions = (await new EvalSetReader().ReadAsync(Path.Combine(checkout, "tests", "eval", "questions.jsonl"), ct))
                .Select(q => q.Question).ToList();
            var runner = new CorpusBenchRunner(questions, parse.GetValue(asks), !parse.GetValue(noProcess));
            var work = Path.Combine(Path.GetTempPath(), "chatbot-bench", Guid.NewGuid().ToString("N"));
            try
            {
                var seedBench = await runner.RunAsync(seeds, Path.Combine(work, "seeds.db"), ct);
                var corpus = SyntheticCorpus.FromSeeds(seeds);
                var corpora = new List<CorpusBench>();
                foreach (var size in sizeList)
                {
                    var folder = Path.Combine(work, $"corpus-{size}");
                    corpus.Write(folder, size);
                    corpora.Add(await runner.RunAsync(folder, Path.Combine(work, $"corpus-{size}.db"), ct));
                    await Console.Error.WriteLineAsync($"bench: {size} passages done");
                }

                var texts = Directory.EnumerateFiles(Path.Combine(work, $"corpus-{sizeList.DefaultIfEmpty(1000).First()}")).Order(StringComparer.Ordinal)
                    .SelectMany(f => File.ReadAllText(f).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)).Take(1024).ToList();
                if (texts.Count == 0)
                {
                    corpus.Write(Path.Combine(work, "embedding"), 1024);
                    texts = Directory.EnumerateFiles(Path.Combine(work, "embedding")).SelectMany(f => File.ReadAllText(f).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)).Take(1024).ToList();
                }

                var embedding = await ActivatorUtilities.CreateInstance<EmbeddingThroughputBench>(services).RunAsync(texts, checkout, ct);
                var report = new BenchReport(Machine(), seedBench, corpora, embedding);
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(report));
                }
                else
                {
                    Write(report);
                }

                return VerbRunner.Ok;
            }
            finally
            {
                try
                {
                    if (parse.GetValue(keep))
                    {
                        await Console.Error.WriteLineAsync($"bench: corpora and databases kept in {work}");
                    }
                    else
                    {
                        Directory.Delete(work, recursive: true);
                    }
                }
                catch (IOException)
                {
                    // Temporary files are not worth failing a benchmark over.
                }
            }
        }, cancellationToken));
        return command;
    }

    private static List<int> ParseSizes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new InvalidDataException($"--sizes: '{s}' is not a positive number of passages"))
            .ToList();

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores, {cpu ?? "unknown CPU"}, {memory:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    private static void Write(BenchReport report)
    {
        static string F(double? value, string format = "F1") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
        AnsiConsole.MarkupLine($"[bold]Machine:[/] {Markup.Escape(report.Machine)}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("corpus").AddColumn("passages").AddColumn("ingest /s").AddColumn("ask p50 ms").AddColumn("ask p95 ms")
            .AddColumn("cold start (process) ms").AddColumn("cold start (in-process) ms").AddColumn("index MiB").AddColumn("peak MiB");
        foreach (var (name, c) in report.Corpora.Select(c => ($"synthetic {c.Passages}", c)).Prepend(("seeds", report.SeedCorpus)))
        {
            table.AddRow(name, c.Passages.ToString(CultureInfo.InvariantCulture), F(c.IngestPassagesPerSecond, "F0"), F(c.AskP50Ms, "F2"), F(c.AskP95Ms, "F2"),
                F(c.ColdStartProcessMs, "F0"), F(c.ColdStartInProcessMs, "F0"), F(c.IndexBytes / 1048576.0), F(c.PeakMemoryBytes / 1048576.0, "F0"));
        }

        AnsiConsole.Write(table);
        if (report.Embedding is { } e)
        {
            AnsiConsole.MarkupLine(
                $"Embedding ({Markup.Escape(e.Model)}, {e.Sentences} passages, batch {e.BatchSize}, median of {e.Rounds} alternating rounds): " +
                $"ours {F(e.OursInferencePerSecond, "F0")}/s on the same batches as Node, {F(e.OursPipelinePerSecond, "F0")}/s from text; " +
                $"onnxruntime-node {F(e.NodeInferencePerSecond, "F0")}/s; ratio ours ÷ Node {F(e.Ratio, "F2")} (same batches), " +
                $"{F(e.PipelineRatio, "F2")} (our pipeline){Markup.Escape(e.NodeNote is null ? string.Empty : " (" + e.NodeNote + ")")}");
        }
    }
}
