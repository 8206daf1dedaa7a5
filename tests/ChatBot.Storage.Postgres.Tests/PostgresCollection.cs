using ChatBot.Testing;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>Every test class of this assembly shares one throw-away cluster (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
