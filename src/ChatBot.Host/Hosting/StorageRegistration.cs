using ChatBot.Storage.LiteDb;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Hosting;

/// <summary>
/// Picks the store from <c>Storage:Provider</c>: <c>Sqlite</c> (default; one embedded file, one process) or
/// <c>Postgres</c> (one database shared by every replica, with <c>Storage:ConnectionString</c>) or <c>LiteDb</c>
/// (one document file, <c>Storage:LiteDbPath</c>, one process: a second one is refused).
/// </summary>
internal static class StorageRegistration
{
    public static IServiceCollection AddConfiguredStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteStorage(configuration);
        }

        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddPostgresStorage(configuration);
        }

        if (provider.Equals("LiteDb", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddLiteDbStorage(configuration);
        }

        throw new OptionsValidationException(
            "Storage", typeof(PostgresStorageOptions), [$"Storage:Provider is '{provider}'; use Sqlite, Postgres or LiteDb."]);
    }
}
