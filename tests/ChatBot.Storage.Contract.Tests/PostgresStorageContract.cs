using ChatBot.Storage.Postgres;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>Every test gets its own database on one throw-away cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageContract(PostgresCluster cluster) : StorageContract
{
    private readonly string _connectionString = cluster.CreateDatabase();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = _connectionString,
    };

    protected override bool InstancesShareTheStore => true;

    protected override IServiceCollection AddStorage(IServiceCollection services, IConfiguration configuration) =>
        services.AddPostgresStorage(configuration);
}
