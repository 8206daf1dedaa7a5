using ChatBot.Discord.Gateway;
using ChatBot.Discord.Tests.Fakes;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatBot.Discord.Tests;

/// <summary>Gateway sharding: each replica runs its own shards, identifies with them, and answers what arrives on them.</summary>
public sealed class ShardingTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Discord routes guild g to shard (g >> 22) % shards: these two land on shards 0 and 1 of 2.
    private static readonly string GuildOnShard0 = ((10UL << 22) + 77).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string GuildOnShard1 = ((11UL << 22) + 77).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private FakeDiscord _discord = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _discord.Shards = 2;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Two_replicas_each_own_one_shard_and_answer_the_guilds_routed_to_it()
    {
        await using var first = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), Shard(0, 2));
        await using var second = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), Shard(1, 2));
        await Eventually.TrueAsync(() => _discord.ShardConnections.Count == 2);

        var identifies = _discord.Frames.Where(f => f.Op == 2).Select(f => f.Data.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToList();
        Assert.Equal(2, identifies.Count);
        Assert.Contains(identifies, s => s is [0, 2]);
        Assert.Contains(identifies, s => s is [1, 2]);

        var routed = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            routed.Add(await _discord.DispatchToGuildAsync(GuildOnShard0, "MESSAGE_CREATE", Mention($"80{i}", GuildOnShard0, "What did Abe say about the cease-fire?")));
            routed.Add(await _discord.DispatchToGuildAsync(GuildOnShard1, "MESSAGE_CREATE", Mention($"90{i}", GuildOnShard1, "What did Abe say about the cease-fire?")));
        }

        await Eventually.TrueAsync(() => _discord.Requests.Count(IsAnswer) == 6);
        await Task.Delay(200);
        output.WriteLine(
            $"2 shards on 2 replicas: 6 messages (3 per shard), answered {_discord.Requests.Count(IsAnswer)}; " +
            $"replica of shard 0 answered {first.Answerer.Questions.Count}, replica of shard 1 answered {second.Answerer.Questions.Count}");
        Assert.Equal([0, 1, 0, 1, 0, 1], routed);
        Assert.Equal(3, first.Answerer.Questions.Count);
        Assert.Equal(3, second.Answerer.Questions.Count);
        Assert.Equal(6, _discord.Requests.Count(IsAnswer));
    }

    [Fact]
    public async Task One_process_runs_every_recommended_shard_and_identifies_one_per_window_when_max_concurrency_is_one()
    {
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), new Dictionary<string, string?> { ["Discord:IdentifyInterval"] = "00:00:00.500" });
        await Eventually.TrueAsync(() => _discord.ShardConnections.Count == 2);

        var identifies = _discord.Frames.Where(f => f.Op == 2).OrderBy(f => f.ReceivedAt).ToList();
        // Either shard may get its turn first; each identifies once, with its own id.
        Assert.Equal([[0, 2], [1, 2]], identifies.Select(f => f.Data.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()).ToArray()).OrderBy(s => s[0]));
        var gap = identifies[1].ReceivedAt - identifies[0].ReceivedAt;
        // Timed where the fake receives them, which a busy machine can skew; the gate's own timing is tested below.
        output.WriteLine($"automatic sharding: 2 shards from GET /gateway/bot, max_concurrency 1: identifies {gap.TotalMilliseconds:F0} ms apart (window 500 ms)");
        Assert.True(gap > TimeSpan.FromMilliseconds(100), $"identifies only {gap} apart");
        Assert.Equal(2, bot.Host.Services.GetRequiredService<DiscordGatewayClient>().Shards.Count);

        await _discord.DispatchToGuildAsync(GuildOnShard1, "MESSAGE_CREATE", Mention("991", GuildOnShard1, "What did Abe say about the cease-fire?"));
        await Eventually.TrueAsync(() => _discord.Requests.Count(IsAnswer) == 1);
    }

    [Fact]
    public async Task Shards_in_different_identify_buckets_identify_together()
    {
        _discord.MaxConcurrency = 2;
        await using var bot = await BotUnderTest.StartAsync(_discord, new StubAnswerer(), new Dictionary<string, string?> { ["Discord:IdentifyInterval"] = "00:00:05" });
        await Eventually.TrueAsync(() => _discord.ShardConnections.Count == 2);

        var identifies = _discord.Frames.Where(f => f.Op == 2).OrderBy(f => f.ReceivedAt).ToList();
        Assert.True(identifies[1].ReceivedAt - identifies[0].ReceivedAt < TimeSpan.FromSeconds(4), "the second bucket waited for the first");
    }

    [Fact]
    public async Task The_identify_gate_spaces_one_bucket_by_the_window_and_lets_other_buckets_through()
    {
        var window = TimeSpan.FromMilliseconds(300);
        var gate = new IdentifyGate(2, window, TimeProvider.System);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        (await gate.WaitTurnAsync(new GatewayShard(0, 4), CancellationToken.None)).Dispose();
        var firstSent = clock.Elapsed;
        (await gate.WaitTurnAsync(new GatewayShard(1, 4), CancellationToken.None)).Dispose();
        var otherBucket = clock.Elapsed;
        (await gate.WaitTurnAsync(new GatewayShard(2, 4), CancellationToken.None)).Dispose();
        var sameBucket = clock.Elapsed;

        Assert.True(otherBucket - firstSent < window / 2, $"shard 1 (bucket 1) waited {otherBucket - firstSent}");
        Assert.True(sameBucket - firstSent >= window - TimeSpan.FromMilliseconds(15), $"shard 2 (bucket 0) identified {sameBucket - firstSent} after shard 0");
    }

    [Fact]
    public void A_shard_id_without_a_shard_count_is_a_configuration_error()
    {
        var options = new DiscordOptions { Token = FakeDiscord.Token, ShardId = 1 };
        var result = new DiscordOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("ShardCount", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = FakeDiscord.Token, ShardId = 2, ShardCount = 2 }).Failed);
        Assert.True(new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = FakeDiscord.Token, ShardId = 1, ShardCount = 2 }).Succeeded);
    }

    private static bool IsAnswer(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.ResponseStatus == 200;

    private static Dictionary<string, string?> Shard(int id, int count) => new()
    {
        ["Discord:ShardId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Discord:ShardCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static object Mention(string id, string guildId, string question) => new
    {
        id,
        channel_id = "410000000000000041",
        guild_id = guildId,
        author = new { id = "30000000000000" + id, username = "asker" },
        content = $"<@{FakeDiscord.BotUserId}> {question}",
        mentions = new[] { new { id = FakeDiscord.BotUserId, username = "chatbot", bot = true } },
        type = 0,
    };
}
