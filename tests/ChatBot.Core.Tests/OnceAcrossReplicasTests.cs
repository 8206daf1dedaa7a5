using ChatBot.Core.Coordination;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

/// <summary>The claim-answer-complete cycle around an update, on the single-process claim store.</summary>
public sealed class OnceAcrossReplicasTests
{
    private readonly InProcessUpdateClaims _claims = new();

    private OnceAcrossReplicas Once(IUpdateClaimStore? claims = null) => new(
        claims ?? _claims, new ReplicaIdentity("me"), Options.Create(new UpdateClaimOptions()), TimeProvider.System, NullLogger<OnceAcrossReplicas>.Instance);

    [Fact]
    public async Task An_update_is_answered_once_and_a_second_delivery_during_the_answer_is_told_to_come_back()
    {
        var answering = new TaskCompletionSource();
        var answers = 0;
        var first = Once().RunAsync("t", 1, async _ => { answers++; await answering.Task; }, CancellationToken.None);

        Assert.Equal(ClaimOutcome.InProgressElsewhere, await Once().RunAsync("t", 1, _ => { answers++; return Task.CompletedTask; }, CancellationToken.None));
        answering.SetResult();
        Assert.Equal(ClaimOutcome.Claimed, await first);
        Assert.Equal(ClaimOutcome.AlreadyAnswered, await Once().RunAsync("t", 1, _ => { answers++; return Task.CompletedTask; }, CancellationToken.None));
        Assert.Equal(1, answers);
    }

    [Fact]
    public async Task A_failing_answer_counts_as_handled_but_a_cancelled_one_is_given_back()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Once().RunAsync("t", 2, _ => throw new InvalidOperationException("boom"), CancellationToken.None));
        Assert.Equal(ClaimOutcome.AlreadyAnswered, await _claims.TryClaimAsync("t", 2, "other", TimeSpan.FromSeconds(1)));

        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Once().RunAsync("t", 3, ct => Task.Delay(Timeout.Infinite, ct), stop.Token));
        Assert.Equal(ClaimOutcome.Claimed, await _claims.TryClaimAsync("t", 3, "other", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task An_unreachable_store_answers_nothing_and_says_so()
    {
        var answered = false;
        var error = await Assert.ThrowsAsync<CoordinationUnavailableException>(() =>
            Once(new UnreachableClaims()).RunAsync("t", 4, _ => { answered = true; return Task.CompletedTask; }, CancellationToken.None));

        Assert.False(answered);
        Assert.Contains("t/4", error.Message, StringComparison.Ordinal);
    }

    private sealed class UnreachableClaims : IUpdateClaimStore
    {
        public Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
            throw new IOException("connection refused");

        public Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) => throw new IOException();

        public Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default) => throw new IOException();

        public Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default) => throw new IOException();
    }
}
