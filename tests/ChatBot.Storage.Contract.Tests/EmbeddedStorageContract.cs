using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Core.State;
using ChatBot.Testing;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>The contract of a store kept in one file beside the bot: what a damaged file must come to.</summary>
public abstract class EmbeddedStorageContract : StorageContract
{
    protected TempDirectory Folder { get; } = new();

    /// <summary>The store's file inside <see cref="Folder"/>.</summary>
    protected abstract string StoreFile { get; }

    /// <summary>
    /// Opens the store as a process start does, damage handling included; returns it and the warnings that start gave.
    /// </summary>
    protected abstract Task<(StoreInstance Store, IReadOnlyList<string> Warnings)> OpenRecoveringAsync();

    /// <summary>Lets go of file handles a closed instance may leave behind (connection pools), so the file can be damaged.</summary>
    protected virtual void ReleaseFileHandles()
    {
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Folder.Dispose();
    }

    [Fact]
    public async Task A_damaged_file_is_moved_aside_and_rebuilt_with_one_warning()
    {
        var before = Open();
        await before.Get<IArticleStore>().ReplaceAsync(SampleArticles.Full());
        await before.Get<IBotStateStore>().SetAsync("telegram.offset", "42");
        await CloseAsync(before);
        ReleaseFileHandles();
        var length = new FileInfo(StoreFile).Length;
        await using (var file = new FileStream(StoreFile, FileMode.Open, FileAccess.Write))
        {
            // The header and the first pages: what a torn write or a stray copy does.
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)Math.Min(length, 16384)).ToArray());
        }

        var (store, warnings) = await OpenRecoveringAsync();

        var warning = Assert.Single(warnings);
        Assert.Contains("damaged", warning, StringComparison.Ordinal);
        Assert.Empty(await store.Get<IArticleCatalog>().GetArticlesAsync());
        await store.Get<IArticleStore>().ReplaceAsync(SampleArticles.Bare());
        Assert.Single(await store.Get<IArticleCatalog>().GetArticlesAsync());
        var aside = Assert.Single(Directory.GetFiles(Folder.Path, Path.GetFileName(StoreFile) + ".corrupt-*"));
        Assert.Equal(length, new FileInfo(aside).Length);
    }
}
