using System.Diagnostics;
using System.Globalization;
using ChatBot.Host.Bench;
using ChatBot.Storage.LiteDb;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Tests;

/// <summary>
/// Real processes on one LiteDB file: the second process is refused at once with the holder named (LiteDB cannot be
/// shared between processes safely), and a holder killed with SIGKILL mid-ingest leaves a file the next process
/// opens and completes without any repair.
/// </summary>
public sealed class LiteDbProcessTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    /// <summary>Big enough that an ingest without embeddings lasts a few seconds on a loaded two-core machine.</summary>
    private const int CorpusPassages = 12_000;

    private const string Token = "123456:TEST-token_for-litedb-holder";

    private readonly TempDirectory _corpus = new();

    private bool _written;

    public void Dispose() => _corpus.Dispose();

    private string Corpus()
    {
        if (!_written)
        {
            SyntheticCorpus.FromSeeds(RepoPaths.Seeds).Write(_corpus.Path, CorpusPassages);
            _written = true;
        }

        return _corpus.Path;
    }

    [Fact]
    public async Task Ask_while_run_holds_the_file_is_one_line_naming_the_holder_and_exit_1()
    {
        await using var emulator = await TelegramTestApiEmulator.StartAsync(Token);
        using var host = LiteDbHost();
        host.Environment["Telegram__Token"] = Token;
        host.Environment["Telegram__ApiBaseUrl"] = emulator.ApiUrl.ToString();
        using var run = host.Start("run");
        var runOutput = ChildProcessWaits.CollectAsync(run);
        try
        {
            await emulator.SayAsync("When did Putin and Abe meet in Antalya?");
            Assert.NotEmpty(await emulator.WaitForBotMessagesAsync(1, TimeSpan.FromMinutes(2)));

            var clock = Stopwatch.StartNew();
            var (code, stdout, stderr) = await host.RunAsync("ask", "When did Putin and Abe meet in Antalya?");

            Assert.Equal(1, code);
            Assert.Empty(stdout);
            // The test host turns embeddings off, which adds its own warning line; the refusal is the one error line.
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("warning: No embedding model", StringComparison.Ordinal));
            output.WriteLine(line);
            Assert.StartsWith("Error: The LiteDB file ", line, StringComparison.Ordinal);
            Assert.Contains($"in use by process {run.Id} (`run`", line, StringComparison.Ordinal);
            Assert.Contains("Storage:Provider=Sqlite", line, StringComparison.Ordinal);
            Assert.Contains("Postgres", line, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the refusal took {clock.Elapsed}");
            Assert.False(run.HasExited);
        }
        finally
        {
            Signal(run, "-TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await run.WaitForExitAsync(timeout.Token);
        }

        var (_, runErr) = await runOutput;
        Assert.True(run.ExitCode == 0, runErr);
        Assert.Equal(0, (await host.RunAsync("ask", "When did Putin and Abe meet in Antalya?")).ExitCode);
    }

    [Fact]
    public async Task An_ingest_killed_midway_is_completed_by_the_next_process_without_repair_or_duplicates()
    {
        using var reference = new HostProcess();
        reference.Environment["Library__SeedsPath"] = Corpus();
        Assert.Equal(0, (await reference.RunAsync("ingest")).ExitCode);
        var expected = await Counts(Path.Combine(reference.WorkingDirectory, "data", "chatbot.db"), sqlite: true);

        using var host = LiteDbHost();
        host.Environment["Library__SeedsPath"] = Corpus();
        var file = Path.Combine(host.WorkingDirectory, "data", "chatbot-litedb.db");
        using (var victim = host.Start("ingest"))
        {
            _ = ChildProcessWaits.CollectAsync(victim);
            await ChildProcessWaits.UntilAsync(() => Size(file) + Size(LiteDbDatabase.LogPath(file)) > 1_500_000, TimeSpan.FromMinutes(2));
            Signal(victim, "-KILL"); // no clean-up of any kind
            await victim.WaitForExitAsync();
        }

        var stored = await Counts(file, sqlite: false);
        Assert.InRange(stored.Articles, 1, expected.Articles - 1);
        output.WriteLine($"killed with SIGKILL at {stored.Articles} of {expected.Articles} articles ({stored.Passages} passages)");

        var (code, _, stderr) = await host.RunAsync("ingest");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("damaged", stderr, StringComparison.Ordinal);
        Assert.Equal(expected, await Counts(file, sqlite: false));
        output.WriteLine($"next ingest: exit 0, {expected.Articles} articles, {expected.Passages} passages, no duplicates, no repair");
        var (askCode, answer, askErr) = await host.RunAsync("ask", "Where is Nagato?");
        Assert.True(askCode == 0, askErr);
        Assert.Contains("Nagato", answer, StringComparison.Ordinal);
    }

    private static HostProcess LiteDbHost()
    {
        var host = new HostProcess();
        host.Environment["Storage__Provider"] = "LiteDb";
        return host;
    }

    /// <summary>Articles, passages and distinct (article, ordinal) pairs, read after every process has exited.</summary>
    private static async Task<(int Articles, int Passages, int DistinctPassages)> Counts(string file, bool sqlite)
    {
        if (sqlite)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM passages), " +
                                  "(SELECT count(*) FROM (SELECT DISTINCT article_id, ordinal FROM passages))";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        using var database = new LiteDbDatabase(
            Options.Create(new LiteDbStorageOptions { LiteDbPath = file }), NullLogger<LiteDbDatabase>.Instance, TimeProvider.System);
        var articles = await new LiteDbArticleStore(database, TimeProvider.System).GetStoredArticlesAsync();
        var passages = await new LiteDbPassageVectorStore(database).GetPassagesWithoutVectorsAsync("none");
        var lookup = await new LiteDbPassageLookup(database).GetAsync([.. passages.Select(p => p.PassageId)]);
        return (articles.Count, passages.Count, lookup.Values.Select(p => (p.Article.Id, p.Ordinal)).Distinct().Count());
    }

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static void Signal(Process process, string signal)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }
}
