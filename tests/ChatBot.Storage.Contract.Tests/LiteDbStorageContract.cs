using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Storage.LiteDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Contract.Tests;

public sealed class LiteDbStorageContract : EmbeddedStorageContract
{
    private string _path = string.Empty;
    private string? _root;

    protected override string StoreFile => Folder.File("chatbot-litedb.db");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "LiteDb",
        ["Storage:LiteDbPath"] = _path.Length > 0 ? _path : StoreFile,
        ["ChatBot:Root"] = _root,
    };

    protected override bool InstancesShareTheStore => false;

    protected override IServiceCollection AddStorage(IServiceCollection services, IConfiguration configuration) =>
        services.AddLiteDbStorage(configuration);

    protected override async Task<(StoreInstance Store, IReadOnlyList<string> Warnings)> OpenRecoveringAsync()
    {
        var store = Open();
        await store.Get<IArticleCatalog>().GetArticlesAsync();
        return (store, store.Log.Messages.Where(m => m.Contains("damaged", StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public async Task A_second_instance_is_refused_at_once_naming_the_holder_and_the_alternatives()
    {
        var holder = Open();
        await holder.Get<IArticleStore>().ReplaceAsync(SampleArticles.Full());

        var refused = await Assert.ThrowsAsync<LiteDbStoreInUseException>(() => Open().Get<IArticleCatalog>().GetArticlesAsync());

        Assert.Contains($"process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider=Sqlite", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Single(await holder.Get<IArticleCatalog>().GetArticlesAsync());
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_written_is_one_clear_error()
    {
        // /proc refuses new folders even to root, where a chmod'ed folder would not.
        _path = "/proc/chatbot-contract-test/chatbot-litedb.db";

        var error = await Assert.ThrowsAsync<IOException>(() => Open().Get<IArticleCatalog>().GetArticlesAsync());

        Assert.StartsWith("The data folder /proc/chatbot-contract-test cannot be written", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:LiteDbPath", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_relative_file_path_is_taken_from_the_content_root_not_the_working_directory()
    {
        _root = Folder.Path;
        _path = "data/relative-litedb.db";

        var store = Open();
        await store.Get<IArticleStore>().ReplaceAsync(SampleArticles.Bare());

        Assert.Equal(Folder.File("data/relative-litedb.db"), store.Get<LiteDbDatabase>().FilePath);
        Assert.True(File.Exists(Folder.File("data/relative-litedb.db")));
        Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "data", "relative-litedb.db")));
    }
}
