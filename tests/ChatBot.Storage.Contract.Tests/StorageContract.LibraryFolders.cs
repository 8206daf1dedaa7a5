using ChatBot.Core.Ingestion;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>The library's folder list (<see cref="ILibraryFolderStore"/>), the same on every store.</summary>
public abstract partial class StorageContract
{
    [Fact]
    public async Task The_folder_list_is_null_until_recorded_then_kept_in_order_as_given()
    {
        var store = Open();
        var folders = store.Get<ILibraryFolderStore>();
        Assert.Null(await folders.ReadAsync());
        IReadOnlyList<string>? seen = ["not called"];

        // Entries are kept uninterpreted: order, duplicates, full paths, spaces and non-ASCII as given.
        string[] list = ["seeds", "/srv/news feeds/ünï", "../beside", "seeds", "a/b"];
        var now = await folders.ChangeAsync(recorded =>
        {
            seen = recorded;
            return list;
        });

        Assert.Null(seen);
        Assert.Equal(list, now);
        Assert.Equal(list, await folders.ReadAsync());
        now = await folders.ChangeAsync(recorded =>
        {
            seen = recorded;
            return [.. recorded!.Skip(1), "z"];
        });
        Assert.Equal(list, seen);
        Assert.Equal([.. list.Skip(1), "z"], now);
        Assert.Equal(now, await folders.ReadAsync());

        // An empty list is a recorded list (the library is empty), not "never recorded".
        await folders.ChangeAsync(_ => []);
        Assert.Equal([], await folders.ReadAsync());
        await CloseAsync(store);
        Assert.Equal([], await Open().Get<ILibraryFolderStore>().ReadAsync());
    }

    [Fact]
    public async Task A_folder_change_that_returns_null_writes_nothing()
    {
        var folders = Open().Get<ILibraryFolderStore>();

        Assert.Null(await folders.ChangeAsync(_ => null));
        Assert.Null(await folders.ReadAsync());

        await folders.ChangeAsync(_ => ["seeds", "more"]);
        Assert.Equal(["seeds", "more"], await folders.ChangeAsync(_ => null));
        Assert.Equal(["seeds", "more"], await folders.ReadAsync());
    }

    [Fact]
    public async Task Concurrent_folder_changes_from_two_instances_lose_nothing()
    {
        const int each = 25;
        // Where the store is not shared, the two writers are two parts of the one process that may hold it; the
        // next process then reads what they left.
        var first = Open();
        var second = InstancesShareTheStore ? Open() : first;
        var writers = new[] { (Name: "one", Store: first), (Name: "two", Store: second) };

        await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            var folders = writer.Store.Get<ILibraryFolderStore>();
            for (var i = 0; i < each; i++)
            {
                await folders.ChangeAsync(recorded => [.. recorded ?? [], $"{writer.Name}/{i}"]);
            }
        })));

        if (!InstancesShareTheStore)
        {
            await CloseAsync(first);
        }

        var reader = InstancesShareTheStore ? second : Open();
        var list = await reader.Get<ILibraryFolderStore>().ReadAsync();
        Assert.NotNull(list);
        Assert.Equal(2 * each, list.Count);
        foreach (var (name, _) in writers)
        {
            Assert.Equal(Enumerable.Range(0, each).Select(i => $"{name}/{i}"), list.Where(f => f.StartsWith(name + "/", StringComparison.Ordinal)));
        }
    }
}
