using ChatBot.Core.Coordination;
using ChatBot.Telegram.Hosting;
using ChatBot.Telegram.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Telegram.Tests;

/// <summary>
/// Polling with update claims: an update that cannot be claimed — the shared store is unreachable, or another replica
/// is still answering it — is neither answered nor confirmed to Telegram, and holds up only its own chat.
/// </summary>
public sealed class PollingClaimTests : IAsyncLifetime
{
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_update_that_cannot_be_claimed_while_the_store_is_down_is_not_confirmed_and_is_answered_once_it_is_back()
    {
        var (bot, claims, state, articles) = await StartWithUpdateOneHeldAsync(claims => claims.Unreachable(1));
        await using var _ = bot;

        claims.Reachable(1);
        await _api.WaitUntilAsync(api => api.MessagesTo(8001).Count == 1 && api.PendingUpdates == 0, "update 1 answered once the store is back");
        await EventuallyAsync(async () => await state.GetAsync(TelegramOffsetStore.OffsetKey) == "3", "the offset past both updates");
        Assert.Single(_api.MessagesTo(8001));
        Assert.Equal(2, articles.Questions.Count);
    }

    [Fact]
    public async Task An_update_another_replica_is_still_answering_is_not_confirmed_until_it_has_answered_it_and_is_not_answered_here()
    {
        var (bot, claims, state, articles) = await StartWithUpdateOneHeldAsync(claims => claims.AnsweringElsewhere(1));
        await using var _ = bot;

        claims.AnsweredElsewhere(1);
        await EventuallyAsync(async () => await state.GetAsync(TelegramOffsetStore.OffsetKey) == "3", "the offset past update 1 once the other replica answered it");
        await _api.WaitUntilAsync(api => api.PendingUpdates == 0, "both updates confirmed to Telegram");

        Assert.Empty(_api.MessagesTo(8001));
        Assert.Equal(["Vladivostok?"], articles.Questions);
    }

    /// <summary>
    /// Starts the bot with update 1 (chat 8001) held by <paramref name="hold"/>, then shows that update 2 of another chat
    /// is answered meanwhile while the saved offset stays at 1 and Telegram keeps update 1.
    /// </summary>
    private async Task<(TestBotHost Bot, ScriptedClaims Claims, InMemoryBotStateStore State, FakeArticles Articles)> StartWithUpdateOneHeldAsync(
        Action<ScriptedClaims> hold)
    {
        var claims = new ScriptedClaims();
        var state = new InMemoryBotStateStore();
        var articles = new FakeArticles();
        var bot = await TestBotHost.StartAsync(_api, articles, articles, state, configure: builder => builder.Services.AddSingleton<IUpdateClaimStore>(claims));
        hold(claims);

        _api.PostText(new Chat(8001, "private"), new User(8001, false, "A"), "Abe in Beijing?");
        await claims.Attempted(1, times: 3);
        _api.PostText(new Chat(8002, "private"), new User(8002, false, "B"), "Vladivostok?");
        await _api.WaitUntilAsync(api => api.MessagesTo(8002).Count == 1, "the other chat's answer while update 1 is held");
        await EventuallyAsync(
            async () => await state.GetAsync(TelegramOffsetStore.HandledAboveKey) == "2" && await state.GetAsync(TelegramOffsetStore.OffsetKey) == "1",
            "offset 1 (update 1 unfinished) with update 2 saved as done above it");
        Assert.Empty(_api.MessagesTo(8001));
        Assert.Contains(1, _api.PendingUpdateIds);
        return (bot, claims, state, articles);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>In-process claims, except for updates the test declares unreachable or being answered by another replica.</summary>
    private sealed class ScriptedClaims : IUpdateClaimStore
    {
        private readonly InProcessUpdateClaims _inner = new();
        private readonly Lock _gate = new();
        private readonly Dictionary<long, ClaimOutcome?> _scripted = [];
        private readonly Dictionary<long, int> _attempts = [];

        public bool ClaimsExpire => false;

        /// <summary>Claiming the update throws, as an unreachable database does.</summary>
        public void Unreachable(long updateId) => Script(updateId, null);

        public void Reachable(long updateId) => Unscript(updateId);

        public void AnsweringElsewhere(long updateId) => Script(updateId, ClaimOutcome.InProgressElsewhere);

        public void AnsweredElsewhere(long updateId) => Script(updateId, ClaimOutcome.AlreadyAnswered);

        public async Task Attempted(long updateId, int times)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (Attempts(updateId) < times)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Update {updateId} was claimed {Attempts(updateId)} times, not {times}");
                }

                await Task.Delay(10);
            }
        }

        public Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _attempts[updateId] = _attempts.GetValueOrDefault(updateId) + 1;
                if (_scripted.TryGetValue(updateId, out var outcome))
                {
                    return outcome is { } scripted ? Task.FromResult(scripted) : throw new InvalidOperationException("database unreachable");
                }
            }

            return _inner.TryClaimAsync(scope, updateId, owner, lease, cancellationToken);
        }

        public Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
            _inner.RenewAsync(scope, updateId, owner, lease, cancellationToken);

        public Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default) =>
            _inner.CompleteAsync(scope, updateId, owner, cancellationToken);

        public Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default) =>
            _inner.ReleaseAsync(scope, updateId, owner, cancellationToken);

        private int Attempts(long updateId)
        {
            lock (_gate)
            {
                return _attempts.GetValueOrDefault(updateId);
            }
        }

        private void Script(long updateId, ClaimOutcome? outcome)
        {
            lock (_gate)
            {
                _scripted[updateId] = outcome;
            }
        }

        private void Unscript(long updateId)
        {
            lock (_gate)
            {
                _scripted.Remove(updateId);
            }
        }
    }
}
