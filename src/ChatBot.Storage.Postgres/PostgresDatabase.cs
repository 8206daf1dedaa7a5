using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// The shared database: one pooled <see cref="NpgsqlDataSource"/>, the schema brought up to date once per database
/// under an advisory lock (replicas starting together wait for the first), and the generation counters kept
/// current by LISTEN/NOTIFY.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly Lazy<Task> _migrated;

    public PostgresDatabase(IOptions<PostgresStorageOptions> options, ILoggerFactory loggers)
    {
        _logger = loggers.CreateLogger<PostgresDatabase>();
        DataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        Generations = new GenerationWatcher(this, options.Value.ConnectionString, loggers.CreateLogger<GenerationWatcher>());
        _migrated = new Lazy<Task>(MigrateAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public NpgsqlDataSource DataSource { get; }

    internal GenerationWatcher Generations { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _migrated.Value.WaitAsync(cancellationToken);
        return await DataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The counter as stored now (bypassing the watcher's cache).</summary>
    internal static async Task<long> ReadGenerationAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand("SELECT generation FROM index_state WHERE name = $1", connection, transaction);
        command.Parameters.AddWithValue(name);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Generations.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    /// <summary>For containers disposed synchronously: the listener is stopped without waiting for it.</summary>
    public void Dispose()
    {
        Generations.Stop();
        DataSource.Dispose();
    }

    private async Task MigrateAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync($"SELECT pg_advisory_lock({AdvisoryLockKeys.Migrations})");
        try
        {
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            var version = Convert.ToInt32(await connection.ScalarAsync("SELECT coalesce(max(version), 0) FROM schema_version"));
            if (version > PostgresSchema.Steps.Count)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database has schema version {version}, newer than this build understands " +
                    $"({PostgresSchema.Steps.Count}). Upgrade every replica to the same ChatBot version.");
            }

            for (var step = version; step < PostgresSchema.Steps.Count; step++)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await connection.ExecuteAsync(PostgresSchema.Steps[step], transaction);
                await connection.ExecuteAsync($"INSERT INTO schema_version (version) VALUES ({step + 1})", transaction);
                await transaction.CommitAsync();
                _logger.LogInformation("PostgreSQL database upgraded to schema version {Version}", step + 1);
            }
        }
        finally
        {
            await connection.ExecuteAsync($"SELECT pg_advisory_unlock({AdvisoryLockKeys.Migrations})");
        }
    }
}
