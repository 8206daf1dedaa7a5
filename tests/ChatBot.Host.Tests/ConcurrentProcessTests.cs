using System.Diagnostics;
using ChatBot.Host.Bench;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;

namespace ChatBot.Host.Tests;

/// <summary>
/// Several real processes on one database: one writer at a time (the others wait and say for what, or answer from
/// the index as it stands), nothing deleted that another process ingests, and a writer killed with SIGKILL leaves
/// an index the next run completes without duplicates.
/// </summary>
public sealed class ConcurrentProcessTests : IDisposable
{
    /// <summary>Big enough that an ingest without embeddings lasts a few seconds on a loaded two-core machine.</summary>
    private const int CorpusPassages = 12_000;

    private readonly TempDirectory _corpus = new();

    public ConcurrentProcessTests() => SyntheticCorpus.FromSeeds(RepoPaths.Seeds).Write(_corpus.Path, CorpusPassages);

    private int CorpusArticles => Directory.EnumerateFiles(_corpus.Path, "*.txt").Count();

    public void Dispose() => _corpus.Dispose();

    [Fact]
    public async Task Asks_and_a_second_ingest_during_an_ingest_neither_crash_nor_delete_its_articles()
    {
        using var host = new HostProcess();
        Assert.Equal(0, (await host.RunAsync("ingest")).ExitCode);

        using var writer = host.Start("library", "add", _corpus.Path);
        var writerOutput = ChildProcessWaits.CollectAsync(writer);
        await ChildProcessWaits.UntilAsync(() => File.Exists(host.DatabasePath + ".ingest-owner") && Count(host, "SELECT count(*) FROM articles") > 5, TimeSpan.FromMinutes(2));
        var asks = Enumerable.Range(0, 2).Select(_ => host.RunAsync("ask", "Where is Nagato?")).ToList();
        var second = host.RunAsync("ingest");

        foreach (var (code, stdout, stderr) in await Task.WhenAll(asks))
        {
            Assert.True(code == 0, stderr);
            Assert.Contains("Nagato", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("FOREIGN KEY", stderr, StringComparison.Ordinal);
        }

        var (secondCode, _, secondErr) = await second;
        await writer.WaitForExitAsync();
        var (_, writerErr) = await writerOutput;
        Assert.True(writer.ExitCode == 0, writerErr);
        Assert.True(secondCode == 0, secondErr);
        Assert.Contains($"Waiting for the library sync by process {writer.Id}", secondErr, StringComparison.Ordinal);
        Assert.Equal(CorpusArticles + 5, Count(host, "SELECT count(*) FROM articles"));
        Assert.Equal(0, Count(host, "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id)"));
    }

    [Fact]
    public async Task An_ingest_killed_midway_is_completed_by_the_next_one_without_duplicates()
    {
        using var reference = new HostProcess();
        reference.Environment["Library__SeedsPath"] = _corpus.Path;
        Assert.Equal(0, (await reference.RunAsync("ingest")).ExitCode);
        var expectedPassages = Count(reference, "SELECT count(*) FROM passages");

        using var host = new HostProcess();
        host.Environment["Library__SeedsPath"] = _corpus.Path;
        using (var victim = host.Start("ingest"))
        {
            _ = ChildProcessWaits.CollectAsync(victim);
            await ChildProcessWaits.UntilAsync(() => Count(host, "SELECT count(*) FROM articles") > 20, TimeSpan.FromMinutes(2));
            victim.Kill(entireProcessTree: true); // SIGKILL: no clean-up of any kind
            await victim.WaitForExitAsync();
        }

        var stored = Count(host, "SELECT count(*) FROM articles");
        Assert.InRange(stored, 21, CorpusArticles - 1);
        var (code, _, stderr) = await host.RunAsync("ingest");

        Assert.True(code == 0, stderr);
        Assert.Equal(CorpusArticles, Count(host, "SELECT count(*) FROM articles"));
        Assert.Equal(expectedPassages, Count(host, "SELECT count(*) FROM passages"));
        Assert.Equal(0, Count(host, "SELECT count(*) FROM (SELECT article_id, ordinal FROM passages GROUP BY article_id, ordinal HAVING count(*) > 1)"));
    }

    /// <summary>A read-only look at the database while another process may be writing it; 0 before it exists.</summary>
    private static long Count(HostProcess host, string sql)
    {
        if (!File.Exists(host.DatabasePath))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // schema not created yet, or busy
        }
    }
}
