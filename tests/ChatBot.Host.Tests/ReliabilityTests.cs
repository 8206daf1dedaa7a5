using ChatBot.Testing;
using Microsoft.Data.Sqlite;

namespace ChatBot.Host.Tests;

/// <summary>
/// Faults a new user or a hostile tester meets, on the real executable: bad files, a damaged database, broken
/// configuration, escape codes in redirected output. Each ends in one clear line, never a stack trace.
/// </summary>
public sealed class ReliabilityTests
{
    private const string Question = "Where is Nagato?";

    [Fact]
    public async Task Ingest_path_is_refused_and_names_the_library_verbs_instead_of_replacing_the_library()
    {
        using var host = new HostProcess();
        var (code, _, stderr) = await host.RunAsync("ingest", "--path", "/tmp");

        Assert.Equal(2, code);
        Assert.Contains("library add /tmp", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_added_to_the_library_survives_the_next_ask_and_sources_shows_its_folder()
    {
        using var other = new TempDirectory();
        await File.WriteAllTextAsync(other.File("500_zebras.txt"),
            "Zebras Cross the Road Safely\n\nNAIROBI — A herd of zebras crossed the main road safely on Monday after traffic was halted, officials said.\n");
        using var host = new HostProcess();

        var (added, addOut, addErr) = await host.RunAsync("library", "add", other.Path);
        Assert.True(added == 0, addErr);
        Assert.Contains("6 articles in all", addOut, StringComparison.Ordinal);
        var (asked, askOut, askErr) = await host.RunAsync("ask", "Did the zebras cross the road?");
        var (_, sources, _) = await host.RunAsync("sources");
        var (listed, library, _) = await host.RunAsync("library");

        Assert.True(asked == 0, askErr);
        Assert.Contains("Zebras Cross the Road Safely", askOut, StringComparison.Ordinal);
        Assert.Contains($"500_zebras folder: {other.Path}", sources, StringComparison.Ordinal);
        Assert.Contains($"folder: {RepoPaths.Seeds}", sources, StringComparison.Ordinal);
        Assert.Equal(0, listed);
        Assert.Contains(other.Path, library, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_sidecar_is_one_warning_line_the_bot_still_answers_and_strict_ingest_fails()
    {
        using var seeds = CopyOfSeeds();
        await File.WriteAllTextAsync(seeds.File("001_a7293964405338a4.meta.json"), "{ \"published\": \"16/12/2016\", \"date_basis\": \"x\" }");
        using var host = new HostProcess();
        host.Environment["Library__SeedsPath"] = seeds.Path;

        var (asked, answer, askErr) = await host.RunAsync("ask", Question);
        var (ingested, _, _) = await host.RunAsync("ingest");
        var (strict, _, strictErr) = await host.RunAsync("ingest", "--strict");

        Assert.True(asked == 0, askErr);
        Assert.Contains("Nagato", answer, StringComparison.Ordinal);
        var warning = Assert.Single(askErr.Split('\n'), l => l.Contains("001_a7293964405338a4.meta.json", StringComparison.Ordinal));
        Assert.Contains("'published' must be a date written YYYY-MM-DD", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", askErr, StringComparison.Ordinal);
        Assert.Equal(0, ingested);
        Assert.Equal(1, strict);
        Assert.Contains("skipped", strictErr + (await host.RunAsync("ingest")).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_corrupt_database_is_moved_aside_and_rebuilt_with_one_warning(bool wholeFile)
    {
        using var host = new HostProcess();
        Assert.Equal(0, (await host.RunAsync("ingest")).ExitCode);
        Corrupt(host.DatabasePath, wholeFile);

        var (code, stdout, stderr) = await host.RunAsync("ask", Question);

        Assert.True(code == 0, stderr);
        Assert.Contains("Nagato", stdout, StringComparison.Ordinal);
        var warning = Assert.Single(stderr.Split('\n'), l => l.Contains("damaged", StringComparison.Ordinal));
        Assert.Contains("chatbot.db.corrupt-", warning, StringComparison.Ordinal);
        Assert.Contains("Lost: bot state", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(host.DatabasePath)!, "chatbot.db.corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Broken_appsettings_json_exits_2_with_the_file_and_line()
    {
        using var host = new HostProcess();
        await File.WriteAllTextAsync(Path.Combine(host.WorkingDirectory, "appsettings.json"), "{\n  \"Retrieval\": {\n    \"Mode\": \"Hybrid\",,\n  }\n}\n");

        var (code, _, stderr) = await host.RunAsync("ask", Question);

        Assert.Equal(2, code);
        Assert.Contains("appsettings.json line 3", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("Retrieval__Mode", "Banana", "Retrieval:Mode = 'Banana' is not valid; use one of: Hybrid, Bm25")]
    [InlineData("Embeddings__Model", "use-lit", "Embeddings:Model = 'use-lit' is not a known model; use one of: ")]
    public async Task A_bad_setting_exits_2_and_lists_the_valid_values(string key, string value, string expected)
    {
        using var host = new HostProcess();
        host.Environment[key] = value;
        // The scratch working directory is the host's content root; the checkout's models folder lists the valid names.
        host.Environment["Embeddings__ModelsPath"] = Path.Combine(RepoPaths.Root, "models");

        var (code, stdout, stderr) = await host.RunAsync("ask", Question);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        if (key == "Embeddings__Model")
        {
            Assert.Contains("use-lite", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_without_a_platform_says_so_first()
    {
        using var host = new HostProcess();
        var (code, _, stderr) = await host.RunAsync("run");

        Assert.Equal(2, code);
        Assert.StartsWith("No chat platform is configured.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Ctrl+C to shut down", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Redirected_output_carries_no_escape_codes(bool noColor)
    {
        using var seeds = CopyOfSeeds();
        await File.WriteAllTextAsync(seeds.File("001_a7293964405338a4.meta.json"), "{ broken");
        using var host = new HostProcess();
        host.Environment["Library__SeedsPath"] = seeds.Path;
        host.Environment["TERM"] = "xterm-256color"; // a colour terminal type, though the output goes to a pipe
        if (noColor)
        {
            host.Environment["NO_COLOR"] = "1";
        }

        var (code, stdout, stderr) = await host.RunAsync("ingest");

        Assert.Equal(0, code);
        Assert.Contains("warning: Skipped", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.DoesNotContain('\u001b', stderr);
    }

    private static TempDirectory CopyOfSeeds() => TempDirectory.CopyOf(RepoPaths.Seeds);

    /// <summary>Garbage over every page but the first (the header still says SQLite), or over the whole file.</summary>
    private static void Corrupt(string databasePath, bool wholeFile)
    {
        SqliteConnection.ClearAllPools();
        File.Delete(databasePath + "-wal");
        File.Delete(databasePath + "-shm");
        var bytes = File.ReadAllBytes(databasePath);
        var garbage = new byte[bytes.Length];
        new Random(13).NextBytes(garbage);
        var from = wholeFile ? 0 : 4096;
        garbage.AsSpan(from).CopyTo(bytes.AsSpan(from));
        File.WriteAllBytes(databasePath, bytes);
    }
}
