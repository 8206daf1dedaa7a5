using ChatBot.Core.Coordination;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Update claims as rows keyed by (scope, update_id): a claim is won by whichever replica's INSERT … ON CONFLICT
/// lands first, and taken over only once its lease (server clock, so replicas' clocks need not agree) has passed.
/// </summary>
public sealed class PostgresUpdateClaims(PostgresDatabase database, TimeProvider time) : IUpdateClaimStore
{
    /// <summary>Telegram keeps an undelivered update for 24 hours; a claim older than twice that can never be needed.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    private long _nextPruneTicks;

    public async Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var claim = connection.Command(
            """
            INSERT INTO update_claims (scope, update_id, owner, expires_at) VALUES ($1, $2, $3, clock_timestamp() + $4)
            ON CONFLICT (scope, update_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE update_claims.done_at IS NULL AND update_claims.expires_at < clock_timestamp()
            RETURNING 1
            """,
            scope, updateId, owner, lease);
        if (await claim.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return ClaimOutcome.Claimed;
        }

        await using var state = connection.Command("SELECT done_at IS NOT NULL FROM update_claims WHERE scope = $1 AND update_id = $2", scope, updateId);
        return await state.ExecuteScalarAsync(cancellationToken) is true ? ClaimOutcome.AlreadyAnswered : ClaimOutcome.InProgressElsewhere;
    }

    public async Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE update_claims SET expires_at = clock_timestamp() + $4 WHERE scope = $1 AND update_id = $2 AND owner = $3 AND done_at IS NULL",
            scope, updateId, owner, lease);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Whoever answered, the update is answered: a late finisher whose claim was taken over still records it.
        await using (var command = connection.Command(
            "UPDATE update_claims SET done_at = clock_timestamp() WHERE scope = $1 AND update_id = $2 AND done_at IS NULL", scope, updateId))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // At most hourly per replica, on the way out of an answer: no timer of its own.
        var now = time.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now >= due && Interlocked.CompareExchange(ref _nextPruneTicks, now + TimeSpan.TicksPerHour, due) == due)
        {
            await using var prune = connection.Command("DELETE FROM update_claims WHERE expires_at < clock_timestamp() - $1", Kept);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "DELETE FROM update_claims WHERE scope = $1 AND update_id = $2 AND owner = $3 AND done_at IS NULL", scope, updateId, owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
