using System.Text.Json.Nodes;
using ChatBot.Testing;
using Xunit.Abstractions;

namespace ChatBot.Host.Tests;

/// <summary>The real <c>status</c> verb after a real sync, on SQLite and on a throw-away PostgreSQL cluster.</summary>
public sealed class StatusCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Status_on_sqlite_shows_the_synced_library_its_store_generation_and_the_platforms()
    {
        using var host = new HostProcess();
        host.Environment["Telegram__Token"] = "123456:TEST-status";
        var (askExit, _, askErr) = await host.RunAsync("ask", "When did Putin and Abe meet in Antalya?");
        Assert.True(askExit == 0, askErr);

        var status = await StatusJsonAsync(host);
        Assert.Equal(5, status["library"]!["articles"]!.GetValue<int>());
        Assert.Equal(56, status["library"]!["passages"]!.GetValue<int>());
        Assert.Equal(5, status["library"]!["folders"]![0]!["articles"]!.GetValue<int>());
        Assert.Equal("Sqlite", status["store"]!["provider"]!.GetValue<string>());
        Assert.Equal(host.DatabasePath, status["store"]!["location"]!.GetValue<string>());
        Assert.True(status["store"]!["passageGeneration"]!.GetValue<long>() > 0);
        Assert.Null(status["model"]!["id"]);
        Assert.Contains("Embeddings:Model = none", status["model"]!["verification"]!.GetValue<string>());
        Assert.True(status["platforms"]![0]!["configured"]!.GetValue<bool>());
        Assert.False(status["platforms"]![1]!["configured"]!.GetValue<bool>());
        Assert.Null(status["replicas"]);

        var (exit, screen, stderr) = await host.RunAsync("status");
        output.WriteLine(screen);
        Assert.True(exit == 0, stderr);
        Assert.Contains("5 articles, 56 passages, 1 folder(s)", screen);
        Assert.Contains("Telegram (polling), Discord not configured", screen);
        Assert.DoesNotContain("TEST-status", screen + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_on_postgres_shows_the_store_without_its_password_and_the_replicas()
    {
        using var cluster = new PostgresCluster();
        using var host = new HostProcess();
        host.Environment["Storage__Provider"] = "Postgres";
        host.Environment["Storage__ConnectionString"] = cluster.CreateDatabase() + ";Password=not-shown-anywhere";
        var (askExit, _, askErr) = await host.RunAsync("ask", "When did Putin and Abe meet in Antalya?");
        Assert.True(askExit == 0, askErr);

        var status = await StatusJsonAsync(host);
        Assert.Equal("Postgres", status["store"]!["provider"]!.GetValue<string>());
        Assert.StartsWith("127.0.0.1:", status["store"]!["location"]!.GetValue<string>());
        Assert.Equal(5, status["library"]!["articles"]!.GetValue<int>());
        Assert.Equal("telegram-polling", status["replicas"]!["pollingLeader"]!["role"]!.GetValue<string>());
        Assert.Null(status["replicas"]!["pollingLeader"]!["leader"]);
        Assert.Empty(status["replicas"]!["claims"]!.AsArray());

        var (exit, screen, stderr) = await host.RunAsync("status");
        output.WriteLine(screen);
        Assert.True(exit == 0, stderr);
        Assert.Contains("Postgres at 127.0.0.1:", screen);
        Assert.Contains("none (no replica polls Telegram now)", screen);
        Assert.DoesNotContain("not-shown-anywhere", screen + stderr, StringComparison.Ordinal);
    }

    private async Task<JsonNode> StatusJsonAsync(HostProcess host)
    {
        var (exit, stdout, stderr) = await host.RunAsync("status", "--json");
        output.WriteLine(stdout);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }
}
