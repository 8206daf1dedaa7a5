using Npgsql;

namespace ChatBot.Host.Bench;

/// <summary>
/// A store <c>bench --storage</c> measures: a fresh, empty one per corpus (its settings, as configuration keys), its
/// size, and its removal afterwards.
/// </summary>
internal abstract class BenchStorage
{
    public abstract string Name { get; }

    public abstract Task<Dictionary<string, string>> CreateAsync(string work, string corpus, CancellationToken cancellationToken);

    /// <summary>Bytes the store takes for the corpus (files with their logs, or the database on the server).</summary>
    public abstract Task<long> SizeAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken);

    public virtual Task DropAsync(IReadOnlyDictionary<string, string> settings) => Task.CompletedTask;

    /// <summary><c>sqlite</c>, <c>litedb</c> or <c>postgres</c> (on the server of <c>Storage:ConnectionString</c>, where it creates and drops databases).</summary>
    public static BenchStorage Parse(string name, string? postgresConnectionString) => name.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => new Files("sqlite", "Sqlite", "Storage:DatabasePath", ".db", ["-wal", "-shm"]),
        "LITEDB" => new Files("litedb", "LiteDb", "Storage:LiteDbPath", ".litedb.db", []),
        "POSTGRES" => new Postgres(postgresConnectionString is { Length: > 0 }
            ? postgresConnectionString
            : throw new InvalidDataException("--storage postgres needs Storage:ConnectionString: a server where the bench may create and drop databases")),
        _ => throw new InvalidDataException($"--storage: '{name}' is not sqlite, postgres or litedb"),
    };

    private sealed class Files(string name, string provider, string pathKey, string extension, string[] companions) : BenchStorage
    {
        public override string Name => name;

        public override Task<Dictionary<string, string>> CreateAsync(string work, string corpus, CancellationToken cancellationToken) =>
            Task.FromResult(new Dictionary<string, string>
            {
                ["Storage:Provider"] = provider,
                [pathKey] = Path.Combine(work, $"{corpus}-{name}{extension}"),
            });

        public override Task<long> SizeAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
        {
            var path = settings[pathKey];
            var log = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
            return Task.FromResult(companions.Select(c => path + c).Append(path).Append(log).Where(File.Exists).Sum(f => new FileInfo(f).Length));
        }
    }

    private sealed class Postgres(string connectionString) : BenchStorage
    {
        public override string Name => "postgres";

        public override async Task<Dictionary<string, string>> CreateAsync(string work, string corpus, CancellationToken cancellationToken)
        {
            var database = $"chatbot_bench_{corpus.Replace('-', '_')}_{Guid.NewGuid():N}"[..40];
            await ExecuteAsync($"CREATE DATABASE {database}", cancellationToken);
            return new Dictionary<string, string>
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString,
            };
        }

        public override async Task<long> SizeAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(settings["Storage:ConnectionString"]);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public override async Task DropAsync(IReadOnlyDictionary<string, string> settings)
        {
            NpgsqlConnection.ClearAllPools();
            var database = new NpgsqlConnectionStringBuilder(settings["Storage:ConnectionString"]).Database;
            await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }

        private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
