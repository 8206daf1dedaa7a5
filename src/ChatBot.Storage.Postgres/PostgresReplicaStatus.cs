namespace ChatBot.Storage.Postgres;

/// <summary>One replica's update claims: live (being answered now) and answered in the last hour.</summary>
public sealed record ReplicaClaims(string Replica, long Live, long AnsweredLastHour);

/// <summary>Who leads a role (polling Telegram) and how many replicas wait to take over.</summary>
public sealed record RoleLeader(string Role, string? Leader, long Waiting);

/// <summary>
/// What the replicas sharing this database are doing, for the <c>status</c> verb: their update claims (from the
/// claims table) and the leader of each role (from the advisory lock a leader holds and the application name its
/// connection carries). Read-only.
/// </summary>
public sealed class PostgresReplicaStatus(PostgresDatabase database)
{
    public async Task<IReadOnlyList<ReplicaClaims>> GetClaimsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT owner,
                   count(*) FILTER (WHERE done_at IS NULL AND expires_at > clock_timestamp()),
                   count(*) FILTER (WHERE done_at > clock_timestamp() - interval '1 hour')
            FROM update_claims GROUP BY owner
            HAVING count(*) FILTER (WHERE done_at IS NULL AND expires_at > clock_timestamp()) > 0
                OR count(*) FILTER (WHERE done_at > clock_timestamp() - interval '1 hour') > 0
            ORDER BY owner
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claims = new List<ReplicaClaims>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(new ReplicaClaims(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return claims;
    }

    public async Task<RoleLeader> GetLeaderAsync(string role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A bigint advisory key shows in pg_locks as classid (high half) and objid (low half).
        await using var command = connection.Command(
            """
            SELECT max(a.application_name) FILTER (WHERE l.granted), count(*) FILTER (WHERE NOT l.granted)
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = $1
            """,
            AdvisoryLockKeys.Leader(role));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var application = reader.IsDBNull(0) ? null : reader.GetString(0);
        var prefix = $"chatbot leader {role} ";
        var leader = application is not null && application.StartsWith(prefix, StringComparison.Ordinal) ? application[prefix.Length..] : application;
        return new RoleLeader(role, leader, reader.GetInt64(1));
    }
}
