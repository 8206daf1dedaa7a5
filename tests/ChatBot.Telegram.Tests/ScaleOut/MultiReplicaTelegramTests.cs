using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatBot.Core;
using ChatBot.Core.Answers;
using ChatBot.Core.Coordination;
using ChatBot.Storage.Postgres;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace ChatBot.Telegram.Tests.ScaleOut;

/// <summary>
/// Several bot replicas (in-process hosts, each with its own connections, claims and leases) on one PostgreSQL
/// database, against the fake Bot API. The test plays Telegram and the load balancer: it POSTs each webhook update
/// to a replica and, like Telegram, delivers it again (to the next replica) after a timeout or a non-2xx answer.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiReplicaTelegramTests(PostgresCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "scale-out-Secret_1";
    private const string HookPath = "/telegram/hook";
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMilliseconds(1500);

    // A lease is exactly-once only while its holder renews it in time: on this shared 2-core machine a replica's first
    // answers have stalled 2.3 s without a renewal, and a 1.5 s lease then rightly passes to another replica (logged
    // as a warning). The double-delivery test is about claims, not expiry, so it gets a lease no stall here reaches.
    private static readonly TimeSpan LongClaimLease = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    private readonly List<TestBotHost> _hosts = [];
    private readonly List<DyingAnswerer> _dead = [];
    private FakeBotApi _api = null!;
    private int _redeliveries;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _database = cluster.CreateDatabase();
    }

    public async Task DisposeAsync()
    {
        // Only now, after every count: a dead process sends nothing, but the host of its stand-in must be able to stop.
        foreach (var dead in _dead)
        {
            dead.Bury();
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _api.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task Three_webhook_replicas_answer_every_update_once_even_when_each_is_delivered_twice()
    {
        var replicas = new List<WebhookReplica>();
        for (var i = 1; i <= 3; i++)
        {
            replicas.Add(await StartWebhookReplicaAsync($"r{i}", lease: LongClaimLease));
        }

        const int updates = 30;
        var clock = Stopwatch.StartNew();
        // Every update reaches two replicas at once (a retry racing the original through the load balancer).
        await Task.WhenAll(Enumerable.Range(1, updates).SelectMany(id => new[]
        {
            DeliverAsync(replicas, Question(id, "Did Abe meet Putin in Beijing?"), first: id % 3),
            DeliverAsync(replicas, Question(id, "Did Abe meet Putin in Beijing?"), first: (id + 1) % 3),
        }));
        await _api.WaitUntilAsync(api => api.Messages.Select(m => m.ChatId).Distinct().Count() == updates, "an answer to every update");
        await Task.Delay(300);

        var perChat = Enumerable.Range(1, updates).Select(id => _api.MessagesTo(ChatOf(id)).Count).ToList();
        output.WriteLine(
            $"webhook, 3 replicas: {updates} updates sent ({updates * 2} deliveries), answered {perChat.Count(c => c > 0)}, " +
            $"duplicates {perChat.Sum(c => Math.Max(0, c - 1))}, lost {perChat.Count(c => c == 0)}, in {clock.ElapsedMilliseconds} ms " +
            $"({_redeliveries} deliveries refused or timed out and redelivered); " +
            $"answers by replica: {string.Join(", ", replicas.Select(r => $"{r.Name}={r.Answerer.Answered}"))}");
        Assert.All(perChat, count => Assert.Equal(1, count));
        Assert.All(_api.Messages, m => Assert.Contains("10 November 2014", m.Text, StringComparison.Ordinal));
        Assert.True(replicas.Count(r => r.Answerer.Answered > 0) >= 2, "the updates were not spread across replicas");
    }

    [Fact]
    public async Task An_update_whose_replica_dies_mid_answer_is_answered_by_another_once_its_claim_expires()
    {
        var replicas = new List<WebhookReplica>();
        for (var i = 1; i <= 3; i++)
        {
            replicas.Add(await StartWebhookReplicaAsync($"r{i}", mortal: i == 3));
        }

        var dying = replicas[2];
        var normal = Enumerable.Range(1, 9).Select(id => DeliverAsync(replicas, Question(id, "Did Abe meet Putin in Beijing?"), first: id % 3)).ToList();
        var fatal = DeliverAsync(replicas, Question(10, $"Did Abe meet Putin in Beijing? {DyingAnswerer.Trigger}"), first: 2);
        await dying.Dying!.Died.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var died = Stopwatch.StartNew();
        await _api.WaitUntilAsync(api => api.MessagesTo(ChatOf(10)).Count > 0, "the dead replica's update answered by another", TimeSpan.FromSeconds(20));
        var takeOver = died.Elapsed;
        await Task.WhenAll([.. normal, fatal]);
        await Task.Delay(300);

        var perChat = Enumerable.Range(1, 10).Select(id => _api.MessagesTo(ChatOf(id)).Count).ToList();
        output.WriteLine(
            $"replica killed mid-answer: 10 updates sent, answered {perChat.Count(c => c > 0)}, duplicates {perChat.Sum(c => Math.Max(0, c - 1))}, " +
            $"lost {perChat.Count(c => c == 0)}; its update answered by another replica {takeOver.TotalMilliseconds:F0} ms after it died " +
            $"(claim lease {ClaimLease.TotalMilliseconds:F0} ms, delivery timeout {DeliveryTimeout.TotalMilliseconds:F0} ms)");
        Assert.All(perChat, count => Assert.Equal(1, count));
        Assert.True(takeOver >= ClaimLease - TimeSpan.FromMilliseconds(200), $"taken over after {takeOver}, before the lease could expire");
        Assert.True(takeOver < TimeSpan.FromSeconds(10), $"take-over took {takeOver}");
    }

    [Fact]
    public async Task In_polling_mode_only_the_leader_polls_and_a_follower_takes_over_when_it_dies()
    {
        var leader = await StartReplicaAsync("p1", PollingSettings());
        var chat = new Chat(500, "private");
        _api.PostText(chat, new User(500, false, "U"), "Did Abe meet Putin in Beijing? (1)");
        await _api.WaitUntilAsync(api => api.MessagesTo(500).Count == 1, "the leader's first answer");
        var follower = await StartReplicaAsync("p2", PollingSettings());
        _api.PostText(chat, new User(500, false, "U"), "Did Abe meet Putin in Beijing? (2)");
        await _api.WaitUntilAsync(api => api.MessagesTo(500).Count == 2, "the second answer");
        await Task.Delay(500);
        Assert.Equal(2, leader.Answered);
        Assert.Equal(0, follower.Answered);

        // The leader dies: the server ends its session (as it does for a killed process) and it is stopped.
        var clock = Stopwatch.StartNew();
        await TerminateAsync($"chatbot leader {TelegramPollingService.LeaderRole} p1");
        var leaderHost = _hosts[0];
        _hosts.RemoveAt(0);
        await leaderHost.DisposeAsync();
        _api.PostText(chat, new User(500, false, "U"), "Did Abe meet Putin in Beijing? (3)");
        await _api.WaitUntilAsync(api => api.MessagesTo(500).Count == 3, "an answer from the new leader", TimeSpan.FromSeconds(20));
        var takeOver = clock.Elapsed;
        await Task.Delay(500);

        output.WriteLine(
            $"polling: 3 updates, answered {_api.MessagesTo(500).Count} (leader {leader.Answered}, follower {follower.Answered}); " +
            $"leader killed → next update answered by the follower after {takeOver.TotalMilliseconds:F0} ms");
        Assert.Equal(3, _api.MessagesTo(500).Count);
        Assert.Equal(1, follower.Answered);
        Assert.True(takeOver < TimeSpan.FromSeconds(10), $"take-over took {takeOver}");
    }

    private static long ChatOf(long updateId) => 1000 + updateId;

    private static Update Question(long id, string text) =>
        new(id, new Message(id, new Chat(ChatOf(id), "private"), 1_700_000_000, new User(ChatOf(id), false, "U"), text));

    private static Dictionary<string, string?> PollingSettings() => new() { ["Telegram:Mode"] = "Polling" };

    private async Task<WebhookReplica> StartWebhookReplicaAsync(string name, bool mortal = false, TimeSpan? lease = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:Webhook:Url"] = "https://bot.example.com" + HookPath,
            ["Telegram:Webhook:SecretToken"] = Secret,
            ["Telegram:Webhook:ListenUrl"] = "http://127.0.0.1:0",
            ["Coordination:ClaimLease"] = (lease ?? ClaimLease).ToString(),
        };
        MortalClaims? claims = null;
        DyingAnswerer? dying = null;
        var answerer = await StartReplicaAsync(name, settings, services =>
        {
            if (!mortal)
            {
                return;
            }

            services.AddSingleton<IUpdateClaimStore>(sp => claims = new MortalClaims(ActivatorUtilities.CreateInstance<PostgresUpdateClaims>(sp)));
            services.AddSingleton<Func<IQuestionAnswerer, IQuestionAnswerer>>(_ => inner => dying = new DyingAnswerer(inner, () => claims!.Die()));
        });
        var address = (await _hosts[^1].Host.Services.GetRequiredService<TelegramWebhookService>().ListeningAddresses.WaitAsync(TimeSpan.FromSeconds(15)))[0];
        _ = _hosts[^1].Host.Services.GetRequiredService<IUpdateClaimStore>();
        _ = _hosts[^1].Host.Services.GetRequiredService<IQuestionAnswerer>();
        if (dying is not null)
        {
            _dead.Add(dying);
        }

        return new WebhookReplica(name, new Uri(address), answerer, dying);
    }

    private async Task<CountingAnswerer> StartReplicaAsync(string name, Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings["Storage:Provider"] = "Postgres";
        settings["Storage:ConnectionString"] = _database;
        settings["Library:SeedsPath"] = RepoPaths.Seeds;
        settings["Retrieval:Mode"] = "Bm25";
        settings.TryAdd("Coordination:ClaimLease", ClaimLease.ToString());
        CountingAnswerer? counting = null;
        var placeholder = new FakeArticles();
        var host = await TestBotHost.StartAsync(_api, placeholder, placeholder, settings: settings, configure: builder =>
        {
            builder.Services.AddSingleton(new ReplicaIdentity(name));
            builder.Services.AddChatBotCore(builder.Configuration).AddPostgresStorage(builder.Configuration);
            configure?.Invoke(builder.Services);
            builder.Services.AddSingleton<IQuestionAnswerer>(sp =>
            {
                IQuestionAnswerer real = ActivatorUtilities.CreateInstance<LibraryBackedAnswerer>(sp);
                real = sp.GetService<Func<IQuestionAnswerer, IQuestionAnswerer>>()?.Invoke(real) ?? real;
                return counting = new CountingAnswerer(real);
            });
        });
        _hosts.Add(host);
        _ = host.Host.Services.GetRequiredService<IQuestionAnswerer>();
        return counting!;
    }

    /// <summary>Telegram through a load balancer: POST, and after a timeout or a non-2xx answer, again a moment later to the next replica.</summary>
    private async Task DeliverAsync(IReadOnlyList<WebhookReplica> replicas, Update update, int first)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; deadline.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            var replica = replicas[(first + attempt) % replicas.Count];
            if (replica.Dying?.Died.Task.IsCompleted == true)
            {
                continue;
            }

            using var http = new HttpClient { BaseAddress = replica.Address, Timeout = DeliveryTimeout };
            using var request = new HttpRequestMessage(HttpMethod.Post, HookPath) { Content = JsonContent.Create(update, options: TelegramJson.Options) };
            request.Headers.Add(TelegramWebhookReceiver.SecretHeader, Secret);
            try
            {
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Interlocked.Increment(ref _redeliveries);
            await Task.Delay(200);
        }

        throw new TimeoutException($"Update {update.UpdateId} was never accepted by any replica");
    }

    private async Task TerminateAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE $1 || '%'", connection);
        command.Parameters.AddWithValue(applicationName);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private sealed record WebhookReplica(string Name, Uri Address, CountingAnswerer Answerer, DyingAnswerer? Dying);

    /// <summary>Counts the questions a replica answered (to see how the work spread).</summary>
    private sealed class CountingAnswerer(IQuestionAnswerer inner) : IQuestionAnswerer
    {
        private int _answered;

        public int Answered => _answered;

        public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
        {
            var answer = await inner.AnswerAsync(question, maxPassages, cancellationToken);
            Interlocked.Increment(ref _answered);
            return answer;
        }
    }
}
