using System.Diagnostics;
using ChatBot.Core.Answers;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Host.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Host.Bench;

/// <summary>
/// Measures one corpus in its own database: ingest (embedding included), warm in-process asks, cold start of a
/// fresh host and of a fresh process against the existing index, index size and peak memory.
/// </summary>
internal sealed class CorpusBenchRunner(IReadOnlyList<string> questions, int asks, bool spawnProcesses)
{
    private const int Warmup = 10;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);
    private const int ColdRuns = 3;

    public async Task<CorpusBench> RunAsync(string articlesFolder, BenchStorage storage, string work, string corpus, CancellationToken cancellationToken)
    {
        var settings = await storage.CreateAsync(work, corpus, cancellationToken);
        settings["Library:File"] = Path.Combine(work, $"{corpus}-{storage.Name}.library.json"); // never the user's library
        settings["Library:SeedsPath"] = articlesFolder;
        try
        {
            return await RunAsync(settings, storage, corpus, cancellationToken);
        }
        finally
        {
            await storage.DropAsync(settings);
        }
    }

    private async Task<CorpusBench> RunAsync(Dictionary<string, string> settings, BenchStorage storage, string corpus, CancellationToken cancellationToken)
    {
        double ingestSeconds;
        int passages, articles;
        List<double> askMs = [];
        string retriever;
        using (var host = Build(settings))
        {
            await host.StartAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var report = await host.Services.GetRequiredService<ArticleLibrary>().ReloadAsync(cancellationToken: cancellationToken);
            ingestSeconds = clock.Elapsed.TotalSeconds;
            passages = report.Articles.Sum(a => a.PassageCount);
            articles = report.Articles.Count;

            var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
            var renderer = host.Services.GetRequiredService<PlainTextAnswerRenderer>();
            retriever = host.Services.GetRequiredService<IPassageRetriever>().Name;
            // Warm means steady state: the runtime recompiles hot methods (tier 1) in the background for about the
            // first second of asking, and a precompiled host starts from ReadyToRun code, so warm-up is by time.
            var warming = Stopwatch.StartNew();
            for (var i = 0; askMs.Count < asks; i++)
            {
                clock.Restart();
                renderer.Render(await answerer.AnswerAsync(questions[i % questions.Count], cancellationToken: cancellationToken));
                if (i >= Warmup && warming.Elapsed >= WarmupTime)
                {
                    askMs.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            await host.StopAsync(CancellationToken.None);
        }

        var inProcess = await ColdInProcessAsync(settings, cancellationToken);
        double? process = spawnProcesses ? await ColdProcessAsync(settings, cancellationToken) : null;
        SqliteConnection.ClearAllPools();
        var (p50, p95) = Percentiles.Of(askMs);
        return new CorpusBench(
            passages, articles, ingestSeconds, passages / ingestSeconds, p50, p95, process, inProcess,
            await storage.SizeAsync(settings, cancellationToken), Process.GetCurrentProcess().PeakWorkingSet64, retriever)
        {
            Corpus = corpus,
            Storage = storage.Name,
        };
    }

    private static IHost Build(IReadOnlyDictionary<string, string> settings) => ChatBotHostBuilder.Build(HostMode.Cli, settings: settings);

    /// <summary>A new host (new model session, new matrix load, index sync by hash) up to its first answer; JIT is already warm.</summary>
    private async Task<double> ColdInProcessAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        // The ingest host's garbage (at 100k a 200 MB matrix and the ingest's buffers) is this process's, not the
        // new host's: collected before the clock starts, so it is not billed to the cold start.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        using var host = Build(settings);
        await host.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(questions[0], cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await host.StopAsync(CancellationToken.None);
        return elapsed;
    }

    /// <summary>Median wall time of <c>dotnet ChatBot.Host.dll ask … --json</c> against the existing index.</summary>
    private async Task<double> ColdProcessAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        for (var run = 0; run < ColdRuns; run++)
        {
            var (exitCode, stdout, stderr, elapsed) = await ChildProcess.RunAsync(
                "dotnet",
                [typeof(CorpusBenchRunner).Assembly.Location, "ask", questions[run % questions.Count], "--json"],
                Directory.GetCurrentDirectory(),
                environment,
                cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"cold-start ask failed: {stderr}{stdout}");
            }

            times.Add(elapsed.TotalMilliseconds);
        }

        return Percentiles.Of(times).P50;
    }

}
