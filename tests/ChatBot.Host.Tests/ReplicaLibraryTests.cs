using System.Diagnostics;
using ChatBot.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ChatBot.Host.Tests;

/// <summary>
/// Three replicas of the real host (<c>run</c> processes, each in its own working directory standing for its own
/// machine) on one real PostgreSQL database. Only replica 1's machine has the folder added with <c>library add</c>;
/// each replica is killed (SIGKILL) and started again in turn, as a rolling deploy does, and every start-up syncs.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaLibraryTests(PostgresCluster cluster, ITestOutputHelper output) : IDisposable
{
    private const string ArticleId = "zorblatt_festival";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private readonly List<HostProcess> _machines = [];
    private readonly List<Process> _running = [];

    public void Dispose()
    {
        foreach (var process in _running.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
        }

        _running.ForEach(p => p.Dispose());
        _machines.ForEach(m => m.Dispose());
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_rolling_restart_after_library_add_keeps_the_article_and_library_remove_on_one_replica_removes_it_everywhere()
    {
        var database = cluster.CreateDatabase();
        for (var i = 0; i < 3; i++)
        {
            _machines.Add(Machine(database));
        }

        var news = Path.Combine(_machines[0].WorkingDirectory, "news");
        Directory.CreateDirectory(news);
        await File.WriteAllTextAsync(Path.Combine(news, ArticleId + ".txt"),
            "Zorblatt Festival Draws Record Crowds\n\nREYKJAVIK — The Zorblatt festival drew a record crowd of 40,000 visitors on Saturday, organisers said. " +
            "The festival, held every summer since 1998, featured music and food from twelve countries.\n");

        var replicas = new List<Process>();
        foreach (var machine in _machines)
        {
            replicas.Add((await StartReplicaAsync(machine)).Process);
        }

        var (addCode, addOut, addErr) = await _machines[0].RunAsync("library", "add", "news");
        Assert.True(addCode == 0, addErr);
        Assert.Contains("1 articles added", addOut, StringComparison.Ordinal);
        var counts = new List<long> { await CountAsync(database) };

        var readyTimes = new List<long>();
        for (var i = 0; i < replicas.Count; i++)
        {
            replicas[i].Kill(entireProcessTree: true);
            await replicas[i].WaitForExitAsync();
            var (process, ready) = await StartReplicaAsync(_machines[i]);
            replicas[i] = process;
            readyTimes.Add(ready);
            counts.Add(await CountAsync(database));
        }

        output.WriteLine($"after library add on replica 1: {counts[0]} copy of {ArticleId}; after restarting replicas 1, 2, 3 in turn: {string.Join(", ", counts.Skip(1))}; " +
                         $"start-up to 'Library ready' {string.Join(", ", readyTimes)} ms");
        Assert.All(counts, count => Assert.Equal(1, count));

        // The other choice: no sync at start-up (a `library sync` job does it). Same article, measured side by side.
        var withSync = new List<long>();
        var withoutSync = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (syncOnStart, times) in new[] { ("true", withSync), ("false", withoutSync) })
            {
                replicas[1].Kill(entireProcessTree: true);
                await replicas[1].WaitForExitAsync();
                _machines[1].Environment["Library__SyncOnStart"] = syncOnStart;
                (replicas[1], var ready) = await StartReplicaAsync(_machines[1]);
                times.Add(ready);
            }
        }

        _machines[1].Environment.Remove("Library__SyncOnStart");
        output.WriteLine($"replica 2 start-up to 'Library ready', syncing: {string.Join(", ", withSync)} ms; not syncing: {string.Join(", ", withoutSync)} ms");
        Assert.Equal(1, await CountAsync(database));

        // Replica 3's machine does not have the folder; taking it out of the library there takes it out everywhere.
        var (removeCode, removeOut, removeErr) = await _machines[2].RunAsync("library", "remove", "news");
        Assert.True(removeCode == 0, removeErr);
        Assert.Contains("1 articles left the index", removeOut, StringComparison.Ordinal);
        var afterRemove = new List<long> { await CountAsync(database) };
        for (var i = 0; i < replicas.Count; i++)
        {
            replicas[i].Kill(entireProcessTree: true);
            await replicas[i].WaitForExitAsync();
            replicas[i] = (await StartReplicaAsync(_machines[i])).Process;
            afterRemove.Add(await CountAsync(database));
        }

        var (_, listing, _) = await _machines[1].RunAsync("library");
        output.WriteLine($"after library remove on replica 3: {afterRemove[0]}; after restarting replicas 1, 2, 3 in turn: {string.Join(", ", afterRemove.Skip(1))}");
        Assert.All(afterRemove, count => Assert.Equal(0, count));
        Assert.DoesNotContain("news", listing, StringComparison.Ordinal);
        Assert.Equal(5, await CountAsync(database, "SELECT count(*) FROM articles"));
    }

    private static HostProcess Machine(string database)
    {
        var machine = new HostProcess();
        machine.Environment["Storage__Provider"] = "Postgres";
        machine.Environment["Storage__ConnectionString"] = database;
        // A platform makes `run` run; nothing answers on this port, and the library sync comes before any platform.
        machine.Environment["Telegram__Token"] = "123456:replica-library-test";
        machine.Environment["Telegram__ApiBaseUrl"] = "http://127.0.0.1:9/";
        return machine;
    }

    /// <summary>Starts <c>run</c> and waits for its start-up sync ("Library ready"); returns the milliseconds it took.</summary>
    private async Task<(Process Process, long ReadyMs)> StartReplicaAsync(HostProcess machine)
    {
        var clock = Stopwatch.StartNew();
        var process = machine.Start("run");
        _running.Add(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Library ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(ReadyTimeout));
        if (first != ready.Task)
        {
            lock (log)
            {
                throw new InvalidOperationException($"replica did not get ready (exited: {process.HasExited}):\n{log}");
            }
        }

        return (process, clock.ElapsedMilliseconds);
    }

    private static async Task<long> CountAsync(string database, string sql = $"SELECT count(*) FROM articles WHERE id = '{ArticleId}'")
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
