using ChatBot.Core.Coordination;
using ChatBot.Testing;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>What <c>status</c> reads about the replicas sharing a database, against a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaStatusTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Status_names_the_polling_leader_the_waiting_replicas_and_each_replicas_claims()
    {
        var connectionString = cluster.CreateDatabase();
        await using var leader = Replica.Create(connectionString, name: "leader-1");
        await using var follower = Replica.Create(connectionString, name: "follower-2");
        var status = new PostgresReplicaStatus(leader.Get<PostgresDatabase>());

        var nobody = await status.GetLeaderAsync("telegram-polling");
        Assert.Null(nobody.Leader);
        Assert.Equal(0, nobody.Waiting);

        var leadership = await leader.Get<ILeaderElection>().AcquireAsync("telegram-polling");
        var waiting = follower.Get<ILeaderElection>().AcquireAsync("telegram-polling");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        RoleLeader seen;
        while ((seen = await status.GetLeaderAsync("telegram-polling")).Waiting == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("leader-1", seen.Leader);
        Assert.Equal(1, seen.Waiting);
        Assert.Null((await status.GetLeaderAsync("another-role")).Leader);

        var claims = leader.Get<IUpdateClaimStore>();
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 1, "leader-1", Lease));
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 2, "leader-1", Lease));
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 3, "follower-2", Lease));
        await claims.CompleteAsync("telegram", 1, "leader-1");

        var byReplica = await status.GetClaimsAsync();
        Assert.Equal([new ReplicaClaims("follower-2", 1, 0), new ReplicaClaims("leader-1", 1, 1)], byReplica);

        await leadership.DisposeAsync();
        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("follower-2", (await status.GetLeaderAsync("telegram-polling")).Leader);
    }
}
