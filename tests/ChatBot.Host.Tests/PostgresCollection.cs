using ChatBot.Testing;

namespace ChatBot.Host.Tests;

/// <summary>The replica scenarios share one throw-away PostgreSQL cluster (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
