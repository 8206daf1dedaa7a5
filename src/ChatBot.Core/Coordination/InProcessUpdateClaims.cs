namespace ChatBot.Core.Coordination;

/// <summary>
/// Update claims for a single process (the embedded SQLite set-up): a table in memory with the same lease rules as
/// the shared one, so the receiver's code path is the same with one replica or many.
/// </summary>
public sealed class InProcessUpdateClaims(TimeProvider time) : IUpdateClaimStore
{
    private const int Remembered = 10_000;

    private readonly Dictionary<(string, long), Claim> _claims = [];
    private readonly Queue<(string, long)> _order = new();
    private readonly Lock _gate = new();

    public Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_claims.TryGetValue((scope, updateId), out var claim))
            {
                if (claim.Done)
                {
                    return Task.FromResult(ClaimOutcome.AlreadyAnswered);
                }

                if (claim.ExpiresAt > now)
                {
                    return Task.FromResult(ClaimOutcome.InProgressElsewhere);
                }
            }
            else
            {
                _order.Enqueue((scope, updateId));
                // Telegram redelivers for at most a day; an old claim's memory is not worth unbounded growth.
                if (_order.Count > Remembered)
                {
                    _claims.Remove(_order.Dequeue());
                }
            }

            _claims[(scope, updateId)] = new Claim(owner, now + lease, false);
            return Task.FromResult(ClaimOutcome.Claimed);
        }
    }

    public Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_claims.TryGetValue((scope, updateId), out var claim) && claim.Owner == owner && !claim.Done)
            {
                _claims[(scope, updateId)] = claim with { ExpiresAt = time.GetUtcNow() + lease };
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_claims.TryGetValue((scope, updateId), out var claim))
            {
                _claims[(scope, updateId)] = claim with { Done = true };
            }

            return Task.CompletedTask;
        }
    }

    public Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_claims.TryGetValue((scope, updateId), out var claim) && claim.Owner == owner && !claim.Done)
            {
                _claims[(scope, updateId)] = claim with { ExpiresAt = DateTimeOffset.MinValue };
            }

            return Task.CompletedTask;
        }
    }

    private sealed record Claim(string Owner, DateTimeOffset ExpiresAt, bool Done);
}
