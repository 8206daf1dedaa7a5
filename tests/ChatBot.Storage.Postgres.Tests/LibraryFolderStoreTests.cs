using ChatBot.Core.Ingestion;
using ChatBot.Testing;
using Npgsql;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>The library's folder list in PostgreSQL: one list for every replica, changes from several at once all kept.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LibraryFolderStoreTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly List<TempDirectory> _folders = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _folders.ForEach(f => f.Dispose());
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Folders_added_by_several_replicas_at_once_are_all_in_the_one_list_every_replica_reads()
    {
        var database = cluster.CreateDatabase();
        var replicas = Enumerable.Range(0, 4).Select(_ => Replica.Create(database)).ToList();
        try
        {
            Assert.Null(await replicas[0].Get<ILibraryFolderStore>().ReadAsync());
            var folders = Enumerable.Range(0, 8).Select(_ => new TempDirectory()).ToList();
            _folders.AddRange(folders);

            var added = await Task.WhenAll(folders.Select((f, i) => replicas[i % replicas.Count].Get<LibraryFolders>().AddAsync(f.Path)));

            Assert.All(added, Assert.True);
            foreach (var replica in replicas)
            {
                var list = (await replica.Get<LibraryFolders>().CurrentAsync()).Select(f => f.Path).ToList();
                Assert.Equal(folders.Count + 1, list.Count); // the configured seeds folder, then every added one
                Assert.Equal(RepoPaths.Seeds, list[0]);
                Assert.Equal(folders.Select(f => f.Path).Order(), list.Skip(1).Order());
            }

            Assert.True(await replicas[3].Get<LibraryFolders>().RemoveAsync(folders[0].Path));
            Assert.False(await replicas[1].Get<LibraryFolders>().RemoveAsync(folders[0].Path));
            Assert.DoesNotContain(folders[0].Path, (await replicas[2].Get<LibraryFolders>().CurrentAsync()).Select(f => f.Path));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
