using System.Text.Json;
using ChatBot.Host.Bench;
using ChatBot.Testing;

namespace ChatBot.Host.Tests;

public sealed class BenchTests
{
    [Fact]
    public void Synthetic_corpus_is_deterministic_and_sized_as_asked()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var corpus = SyntheticCorpus.FromSeeds(RepoPaths.Seeds);

        corpus.Write(first.Path, 50);
        corpus.Write(second.Path, 50);

        var files = Directory.GetFiles(first.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Equal(File.ReadAllText(f), File.ReadAllText(Path.Combine(second.Path, Path.GetFileName(f)))));
        Assert.True(corpus.SentenceCount > 50);
    }

    [Fact]
    public async Task Bench_json_has_the_documented_figures()
    {
        using var host = new HostProcess();
        host.Environment["Library__SeedsPath"] = RepoPaths.Seeds;
        var (code, stdout, stderr) = await host.RunAsync("bench", "--sizes", "100", "--asks", "5", "--no-process", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var corpus = json.RootElement.GetProperty("corpora")[0];
        Assert.Equal(100, corpus.GetProperty("passages").GetInt32());
        foreach (var figure in new[] { "ingest_passages_per_second", "ask_p50_ms", "ask_p95_ms", "cold_start_in_process_ms", "index_bytes", "peak_memory_bytes" })
        {
            Assert.True(corpus.GetProperty(figure).GetDouble() > 0, figure);
        }

        Assert.Equal(56, json.RootElement.GetProperty("seed_corpus").GetProperty("passages").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("machine").GetString()));
    }

    [Fact]
    public async Task Bench_measures_each_store_asked_for_side_by_side()
    {
        using var host = new HostProcess();
        var (code, stdout, stderr) = await host.RunAsync("bench", "--sizes", "60", "--asks", "5", "--no-process", "--json", "--storage", "sqlite,litedb");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.GetProperty("corpora").EnumerateArray().Prepend(json.RootElement.GetProperty("seed_corpus")).ToList();
        Assert.Equal(
            ["seeds/sqlite", "seeds/litedb", "synthetic-60/sqlite", "synthetic-60/litedb"],
            rows.Select(r => $"{r.GetProperty("corpus").GetString()}/{r.GetProperty("storage").GetString()}"));
        Assert.Equal(rows[0].GetProperty("passages").GetInt32(), rows[1].GetProperty("passages").GetInt32());
        Assert.All(rows, r => Assert.True(r.GetProperty("index_bytes").GetInt64() > 0));
        Assert.All(rows, r => Assert.True(r.GetProperty("ask_p50_ms").GetDouble() > 0));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("embedding").ValueKind);
    }

    [Fact]
    public async Task An_unknown_store_is_one_line_naming_the_choices()
    {
        using var host = new HostProcess();
        var (code, _, stderr) = await host.RunAsync("bench", "--sizes", "60", "--storage", "sqlite,mysql");

        Assert.Equal(1, code);
        Assert.Contains("Error: --storage: 'mysql' is not sqlite, postgres or litedb", stderr, StringComparison.Ordinal);
    }
}
