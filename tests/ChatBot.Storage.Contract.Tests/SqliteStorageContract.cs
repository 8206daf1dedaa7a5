using ChatBot.Core.Articles;
using ChatBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Contract.Tests;

public sealed class SqliteStorageContract : EmbeddedStorageContract
{
    protected override string StoreFile => Folder.File("chatbot.db");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DatabasePath"] = StoreFile,
    };

    protected override bool InstancesShareTheStore => true;

    protected override void ReleaseFileHandles() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    protected override IServiceCollection AddStorage(IServiceCollection services, IConfiguration configuration) =>
        services.AddSqliteStorage(configuration);

    /// <remarks>
    /// SQLite finds damage on the first query, so the host's verb runner (not the store) catches it, moves the file
    /// aside with <see cref="SqliteCorruption"/> and runs once more: this does the same steps with the same calls.
    /// </remarks>
    protected override async Task<(StoreInstance Store, IReadOnlyList<string> Warnings)> OpenRecoveringAsync()
    {
        var store = Open();
        try
        {
            await store.Get<IArticleCatalog>().GetArticlesAsync();
            return (store, []);
        }
        catch (Exception ex) when (SqliteCorruption.Find(ex) is { } corruption)
        {
            await CloseAsync(store);
            SqliteCorruption.MoveAside(StoreFile, TimeProvider.System);
            return (Open(), [$"the database is damaged ({corruption.Message})"]);
        }
    }
}
