using System.Collections.Concurrent;
using System.Diagnostics;
using ChatBot.Core.Coordination;
using ChatBot.Testing;
using Npgsql;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>Update claims and leader election on a real server, with three replicas sharing one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CoordinationTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_replicas_racing_for_the_same_updates_claim_each_exactly_once()
    {
        var connectionString = cluster.CreateDatabase();
        var replicas = Enumerable.Range(1, 3).Select(i => Replica.Create(connectionString, name: $"r{i}")).ToList();
        try
        {
            var winners = new ConcurrentDictionary<long, ConcurrentBag<string>>();
            await Task.WhenAll(replicas.Select(replica => Task.Run(async () =>
            {
                var claims = replica.Get<IUpdateClaimStore>();
                var owner = replica.Get<ReplicaIdentity>().Id;
                for (long update = 1; update <= 100; update++)
                {
                    if (await claims.TryClaimAsync("telegram", update, owner, Lease) == ClaimOutcome.Claimed)
                    {
                        winners.GetOrAdd(update, _ => []).Add(owner);
                    }
                }
            })));

            Assert.Equal(100, winners.Count);
            Assert.All(winners.Values, owners => Assert.Single(owners));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Claims_older_than_any_redelivery_are_pruned_when_an_answer_completes()
    {
        var connectionString = cluster.CreateDatabase();
        await using var replica = Replica.Create(connectionString);
        var claims = replica.Get<IUpdateClaimStore>();
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 1, "r", Lease));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand("UPDATE update_claims SET expires_at = now() - interval '3 days', done_at = now() - interval '3 days'", connection);
            await age.ExecuteNonQueryAsync();
        }

        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 2, "r", Lease));
        await claims.CompleteAsync("telegram", 2, "r");

        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 1, "again", Lease));
        Assert.Equal(ClaimOutcome.AlreadyAnswered, await claims.TryClaimAsync("telegram", 2, "again", Lease));
    }

    [Fact]
    public async Task A_stopping_replica_releases_its_unanswered_claim_at_once()
    {
        await using var replica = Replica.Create(cluster.CreateDatabase(), name: "stopping");
        var once = replica.Get<OnceAcrossReplicas>();
        using var stop = new CancellationTokenSource();
        var answering = once.RunAsync("telegram", 9, async ct => await Task.Delay(Timeout.Infinite, ct), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answering);

        Assert.Equal(ClaimOutcome.Claimed, await replica.Get<IUpdateClaimStore>().TryClaimAsync("telegram", 9, "other", Lease));
    }

    [Fact]
    public async Task A_long_answer_keeps_its_claim_alive_by_renewing_it()
    {
        var connectionString = cluster.CreateDatabase();
        var settings = new Dictionary<string, string?> { ["Coordination:ClaimLease"] = "00:00:00.600" };
        await using var slow = Replica.Create(connectionString, settings: settings, name: "slow");
        await using var other = Replica.Create(connectionString, settings: settings, name: "other");

        var outcome = await slow.Get<OnceAcrossReplicas>().RunAsync("telegram", 11, async ct =>
        {
            for (var i = 0; i < 4; i++)
            {
                await Task.Delay(400, ct);
                Assert.Equal(ClaimOutcome.InProgressElsewhere, await other.Get<IUpdateClaimStore>().TryClaimAsync("telegram", 11, "other", Lease, ct));
            }
        }, CancellationToken.None);

        Assert.Equal(ClaimOutcome.Claimed, outcome);
        Assert.Equal(ClaimOutcome.AlreadyAnswered, await other.Get<IUpdateClaimStore>().TryClaimAsync("telegram", 11, "other", Lease));
    }

    [Fact]
    public async Task A_follower_takes_over_within_seconds_when_the_leaders_connection_dies()
    {
        var connectionString = cluster.CreateDatabase();
        await using var first = Replica.Create(connectionString, name: "leader");
        await using var second = Replica.Create(connectionString, name: "follower");
        var leadership = await first.Get<ILeaderElection>().AcquireAsync("telegram-polling");
        var following = second.Get<ILeaderElection>().AcquireAsync("telegram-polling");
        await Task.Delay(300);
        Assert.False(following.IsCompleted);

        // The server's view of a killed process: its session ends without a word.
        var clock = Stopwatch.StartNew();
        await TerminateAsync(connectionString, "chatbot leader telegram-polling leader");
        await using var taken = await following.WaitAsync(TimeSpan.FromSeconds(10));
        var takeOver = clock.Elapsed;
        await Task.Delay(Timeout.Infinite, leadership.Lost).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });

        Assert.True(leadership.Lost.IsCancellationRequested, "the old leader was not told that it lost leadership");
        Assert.False(taken.Lost.IsCancellationRequested);
        Assert.True(takeOver < TimeSpan.FromSeconds(5), $"take-over took {takeOver}");
        await leadership.DisposeAsync();
    }

    [Fact]
    public async Task A_follower_takes_over_when_the_leading_process_is_killed_with_sigkill()
    {
        var connectionString = cluster.CreateDatabase();
        await using var follower = Replica.Create(connectionString, name: "follower");
        await (await follower.Get<PostgresDatabase>().OpenAsync()).DisposeAsync();

        // A separate process (psql) leads: it takes the same lock and then idles in its session, as a leader does
        // (a backend busy in a query would notice its client's death only when the query ends).
        var psql = Path.Combine(Environment.GetEnvironmentVariable(PostgresCluster.BinFolderVariable) ?? "/usr/lib/postgresql/15/bin", "psql");
        var start = new System.Diagnostics.ProcessStartInfo(psql) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
                     "-d", new NpgsqlConnectionStringBuilder(connectionString).Database! })
        {
            start.ArgumentList.Add(argument);
        }

        using var leader = System.Diagnostics.Process.Start(start)!;
        try
        {
            await leader.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({AdvisoryLockKeys.Leader("telegram-polling")});");
            await leader.StandardInput.FlushAsync();
            await WaitUntilLockedAsync(connectionString);
            var following = follower.Get<ILeaderElection>().AcquireAsync("telegram-polling");
            await Task.Delay(300);
            Assert.False(following.IsCompleted, "the follower led while the other process held the lock");

            var clock = Stopwatch.StartNew();
            leader.Kill();
            await using var taken = await following.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"take-over took {clock.Elapsed}");
        }
        finally
        {
            if (!leader.HasExited)
            {
                leader.Kill();
            }
        }
    }

    private static async Task WaitUntilLockedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("psql never took the leader lock");
    }

    [Fact]
    public async Task A_leader_stepping_down_hands_over_to_the_next()
    {
        var connectionString = cluster.CreateDatabase();
        await using var first = Replica.Create(connectionString);
        await using var second = Replica.Create(connectionString);
        var leadership = await first.Get<ILeaderElection>().AcquireAsync("role");
        var following = second.Get<ILeaderElection>().AcquireAsync("role");
        var other = await second.Get<ILeaderElection>().AcquireAsync("another-role").WaitAsync(TimeSpan.FromSeconds(5));

        await leadership.DisposeAsync();

        await using var taken = await following.WaitAsync(TimeSpan.FromSeconds(5));
        await other.DisposeAsync();
    }

    internal static async Task TerminateAsync(string connectionString, string applicationNamePrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE $1 || '%'", connection);
        command.Parameters.AddWithValue(applicationNamePrefix);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
