namespace ChatBot.Core.Coordination;

/// <summary>
/// Update claims for a single process (the embedded SQLite set-up): a table in memory. A claim here lives exactly as
/// long as its answer is being prepared — the process that would have to take it over is the one holding it — so
/// it neither expires nor needs renewing; the receiver's code path is still the same with one replica or many.
/// </summary>
public sealed class InProcessUpdateClaims : IUpdateClaimStore
{
    private const int Remembered = 10_000;

    private readonly Dictionary<(string, long), bool> _answered = [];
    private readonly Queue<(string, long)> _order = new();
    private readonly Lock _gate = new();

    public bool ClaimsExpire => false;

    public Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_answered.TryGetValue((scope, updateId), out var answered))
            {
                return Task.FromResult(answered ? ClaimOutcome.AlreadyAnswered : ClaimOutcome.InProgressElsewhere);
            }

            _answered[(scope, updateId)] = false;
            _order.Enqueue((scope, updateId));
            // Telegram redelivers for at most a day; an old claim's memory is not worth unbounded growth.
            if (_order.Count > Remembered)
            {
                _answered.Remove(_order.Dequeue());
            }

            return Task.FromResult(ClaimOutcome.Claimed);
        }
    }

    public Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_answered.TryGetValue((scope, updateId), out var answered) && !answered);
        }
    }

    public Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_answered.ContainsKey((scope, updateId)))
            {
                _answered[(scope, updateId)] = true;
            }

            return Task.CompletedTask;
        }
    }

    public Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_answered.TryGetValue((scope, updateId), out var answered) && !answered)
            {
                // Forgotten rather than dequeued: the queue entry only bounds memory and finds nothing when it comes up.
                _answered.Remove((scope, updateId));
            }

            return Task.CompletedTask;
        }
    }
}
