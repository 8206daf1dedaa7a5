using ChatBot.Core.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Leadership as a session advisory lock on a dedicated connection. Followers wait inside
/// <c>pg_advisory_lock</c> (the server wakes one the moment the lock is free — no retry loop); a leader that dies
/// loses its connection and with it the lock. A leader whose connection breaks is told through
/// <see cref="ILeadership.Lost"/>: the connection waits with keepalives, so a dead link is noticed within seconds.
/// </summary>
public sealed class PostgresLeaderElection(
    PostgresDatabase database,
    IOptions<PostgresStorageOptions> options,
    ReplicaIdentity replica,
    ILogger<PostgresLeaderElection> logger) : ILeaderElection
{
    /// <summary>Seconds between keepalive queries on a leader's connection (and so the bound on noticing its loss).</summary>
    private const int KeepAliveSeconds = 2;

    public async Task<ILeadership> AcquireAsync(string role, CancellationToken cancellationToken = default)
    {
        // The schema is not needed for the lock, but migrating first keeps start-up ordering simple.
        await (await database.OpenAsync(cancellationToken)).DisposeAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            Pooling = false,
            KeepAlive = KeepAliveSeconds,
            // A killed leader's socket is closed by its kernel and the lock goes at once; a leader cut off by the
            // network is noticed by TCP keepalives on both ends (the server's set for this session below).
            TcpKeepAlive = true,
            TcpKeepAliveTime = 5,
            TcpKeepAliveInterval = 2,
            ApplicationName = $"chatbot leader {role} {replica.Id}",
        }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(
                "SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3", cancellationToken: cancellationToken);
            await using (var command = connection.Command("SELECT pg_advisory_lock($1)", AdvisoryLockKeys.Leader(role)))
            {
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            logger.LogInformation("Replica {Replica} leads {Role}", replica.Id, role);
            return new Leadership(connection, role, logger);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Leadership : ILeadership
    {
        private readonly NpgsqlConnection _connection;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stepDown = new();
        private readonly Task _watch;

        public Leadership(NpgsqlConnection connection, string role, ILogger logger)
        {
            _connection = connection;
            _watch = Task.Run(async () =>
            {
                try
                {
                    // Nothing is LISTENed to: WaitAsync only returns by failing, which is the point (keepalives run meanwhile).
                    while (true)
                    {
                        await connection.WaitAsync(_stepDown.Token);
                    }
                }
                catch (Exception ex) when (!_stepDown.IsCancellationRequested)
                {
                    logger.LogWarning("Lost leadership of {Role}: {Reason}", role, ex.Message);
                    await _lost.CancelAsync();
                }
            });
        }

        public CancellationToken Lost => _lost.Token;

        public async ValueTask DisposeAsync()
        {
            await _stepDown.CancelAsync();
            await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Closing the session releases the lock; an explicit unlock would add nothing.
            await _connection.DisposeAsync();
            _lost.Dispose();
            _stepDown.Dispose();
        }
    }
}
