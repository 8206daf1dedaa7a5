namespace ChatBot.Core.Coordination;

/// <summary>What became of an attempt to claim an update.</summary>
public enum ClaimOutcome
{
    /// <summary>This replica holds the claim now (a fresh one, or one whose holder stopped renewing it): answer it.</summary>
    Claimed,

    /// <summary>Some replica answered it already: do nothing and acknowledge it.</summary>
    AlreadyAnswered,

    /// <summary>
    /// Some replica — possibly this one, for a second delivery of the same update — is answering it right now (its
    /// claim is live): let the platform deliver it again later.
    /// </summary>
    InProgressElsewhere,
}

/// <summary>
/// Claims on platform updates, so that replicas behind a load balancer answer each update once. A claim is a lease:
/// its holder renews it while answering; one that dies stops renewing and the claim expires, so the update's next
/// delivery is taken by another replica instead of being lost.
/// </summary>
public interface IUpdateClaimStore
{
    /// <summary>Whether claims are leases that expire unless renewed (shared stores), or live as long as their holder (in-process).</summary>
    bool ClaimsExpire => true;

    /// <summary>Claims <paramref name="updateId"/> in <paramref name="scope"/> for <paramref name="lease"/> unless it is answered or held by a live claim (of any owner).</summary>
    Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends the claim; false when it is no longer this owner's (it expired and another replica took it).</summary>
    Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks the update answered; later deliveries are acknowledged without answering.</summary>
    Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Gives an unanswered claim up at once (this replica is stopping), so a redelivery need not wait for it to expire.</summary>
    Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default);
}
