using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Opens connections to the database file, creating it and applying the schema on first use.
/// WAL mode lets the bot answer while an ingest writes.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Lazy<Task> _initialised;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        FilePath = Path.GetFullPath(options.Value.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _initialised = new Lazy<Task>(InitialiseAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _initialised.Value.WaitAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Memory-mapped reads spare a system call per page when the matrix or a snapshot is loaded.
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824;", cancellationToken);
        return connection;
    }

    private async Task InitialiseAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;", CancellationToken.None);

        var version = Convert.ToInt32(await connection.ScalarAsync("PRAGMA user_version;", CancellationToken.None));
        if (version > SchemaMigrations.Steps.Count)
        {
            throw new InvalidOperationException(
                $"Database {FilePath} has schema version {version}, newer than this build understands " +
                $"({SchemaMigrations.Steps.Count}). Use a newer ChatBot or delete the file to rebuild it.");
        }

        for (var step = version; step < SchemaMigrations.Steps.Count; step++)
        {
            await using var transaction = connection.BeginTransaction();
            await connection.ExecuteAsync(SchemaMigrations.Steps[step], CancellationToken.None, transaction);
            await connection.ExecuteAsync($"PRAGMA user_version = {step + 1};", CancellationToken.None, transaction);
            await transaction.CommitAsync();
            _logger.LogInformation("Database {Path} upgraded to schema version {Version}", FilePath, step + 1);
        }
    }
}
