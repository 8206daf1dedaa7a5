using ChatBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Coordination;

/// <summary>
/// Runs the answer to a platform update only on the replica that claims it, renewing the claim while the answer is
/// prepared and marking the update answered afterwards. The one call a platform's receiver wraps around its handler.
/// </summary>
/// <remarks>
/// Exactly once holds for every case but one: a replica that dies after the platform accepted its reply and before
/// <see cref="IUpdateClaimStore.CompleteAsync"/> commits leaves a claim that expires, and the update is answered
/// again. No chat API takes part in a database transaction, so that window (one round trip) cannot be closed.
/// A lease also assumes its holder renews it in time: a replica stalled longer than the lease (a starved process)
/// loses the claim to the next delivery and both may answer; that is logged as a warning. The lease (30 s by
/// default) should stay well above any stall, and the caller's token should end only with the replica, never with
/// one delivery: cancelling releases the claim as unanswered, which is wrong once the reply may be out.
/// </remarks>
public sealed class OnceAcrossReplicas(
    IUpdateClaimStore claims,
    ReplicaIdentity replica,
    IOptions<UpdateClaimOptions> options,
    TimeProvider time,
    ILogger<OnceAcrossReplicas> logger,
    ChatBotMetrics? metrics = null)
{
    /// <exception cref="CoordinationUnavailableException">The claim could not be made (store unreachable); nothing was answered.</exception>
    public async Task<ClaimOutcome> RunAsync(string scope, long updateId, Func<CancellationToken, Task> answer, CancellationToken cancellationToken)
    {
        var lease = options.Value.ClaimLease;
        // When the claim was last known to hold: taken before each store call is sent, so it never overstates the lease.
        var held = new LeaseWatch(time.GetTimestamp());
        ClaimOutcome outcome;
        try
        {
            outcome = await claims.TryClaimAsync(scope, updateId, replica.Id, lease, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new CoordinationUnavailableException($"Could not claim update {scope}/{updateId}: {ex.Message}", ex);
        }

        if (outcome != ClaimOutcome.Claimed)
        {
            logger.LogDebug("Update {Scope}/{UpdateId} not answered here: {Outcome}", scope, updateId, outcome);
            return outcome;
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = claims.ClaimsExpire ? RenewAsync(scope, updateId, lease, held, renewing.Token) : Task.CompletedTask;
        var answered = false;
        try
        {
            await answer(cancellationToken);
            answered = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing update is not retried forever by any replica: it counts as handled, as with one replica.
            answered = true;
            throw;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (answered && claims.ClaimsExpire && time.GetElapsedTime(held.Since) > lease)
            {
                logger.LogWarning(
                    "The answer to update {Scope}/{UpdateId} finished {Elapsed} after its claim was last renewed (lease {Lease}); another replica may have answered it too",
                    scope, updateId, time.GetElapsedTime(held.Since), lease);
            }

            // Not cancellable: the answer is out, so its record must be kept even while this replica stops.
            if (answered)
            {
                await claims.CompleteAsync(scope, updateId, replica.Id, CancellationToken.None);
            }
            else
            {
                logger.LogInformation("The answer to update {Scope}/{UpdateId} was cancelled; its claim is released for another delivery", scope, updateId);
                await claims.ReleaseAsync(scope, updateId, replica.Id, CancellationToken.None);
            }
        }

        return ClaimOutcome.Claimed;
    }

    private async Task RenewAsync(string scope, long updateId, TimeSpan lease, LeaseWatch held, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(lease / 3, time, cancellationToken);
            var asked = time.GetTimestamp();
            if (await claims.RenewAsync(scope, updateId, replica.Id, lease, cancellationToken))
            {
                held.Since = asked;
            }
            else
            {
                logger.LogWarning("The claim on update {Scope}/{UpdateId} expired before the answer was ready; another replica may answer it too", scope, updateId);
                metrics?.ClaimTakenOver(scope);
                return;
            }
        }
    }

    private sealed class LeaseWatch(long since)
    {
        public long Since { get => Interlocked.Read(ref since); set => Interlocked.Exchange(ref since, value); }
    }
}
