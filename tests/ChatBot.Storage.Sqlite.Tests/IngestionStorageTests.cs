using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Storage.Sqlite;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

/// <summary>Ingest into a real SQLite file from a private copy of the seeds, so files can be changed and deleted.</summary>
public sealed class IngestionStorageTests : IAsyncLifetime
{
    private readonly TempDirectory _seeds = TempDirectory.CopyOf(RepoPaths.Seeds);
    private SeedAnswerer _bot = null!;

    private ArticleLibrary Library => _bot.Services.GetRequiredService<ArticleLibrary>();

    private SqliteArticleStore Store => _bot.Services.GetRequiredService<SqliteArticleStore>();

    public async Task InitializeAsync()
    {
        _bot = await SeedAnswerer.CreateAsync(_seeds.Path);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _seeds.Dispose();
    }

    [Fact]
    public async Task First_ingest_stores_all_five_articles_with_their_passages()
    {
        var articles = await Store.GetStoredArticlesAsync();
        Assert.Equal(5, articles.Count);
        Assert.All(articles, a => Assert.True(a.PassageCount > 3));
    }

    [Fact]
    public async Task Re_ingesting_unchanged_files_does_no_work()
    {
        var before = await Snapshot();
        var report = await Library.ReloadAsync();

        Assert.Equal(5, report.Unchanged.Count);
        Assert.False(report.ChangedAnything);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Settled_untouched_files_are_not_read_but_a_touched_file_is_hashed_again()
    {
        var path = _seeds.File("000_f2449a9af08e5e18.txt");
        var settled = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.EnumerateFiles(_seeds.Path))
        {
            File.SetLastWriteTimeUtc(file, settled);
        }

        await Library.ReloadAsync(); // records size + time of every (now settled) file
        var text = await File.ReadAllTextAsync(path);
        var sameLength = text.Replace("Moscow denies", "Moscow DENIES", StringComparison.Ordinal);
        Assert.Equal(text.Length, sameLength.Length);
        await File.WriteAllTextAsync(path, sameLength);
        File.SetLastWriteTimeUtc(path, settled);

        // Same size and time: trusted as unchanged without reading, which is the point of the signature.
        Assert.False((await Library.ReloadAsync()).ChangedAnything);

        File.SetLastWriteTimeUtc(path, settled.AddMinutes(1));
        var touched = await Library.ReloadAsync();
        Assert.Equal(["000_f2449a9af08e5e18"], touched.Updated);

        File.SetLastWriteTimeUtc(path, settled.AddMinutes(2)); // touched again, same text: hashed, not re-ingested
        Assert.False((await Library.ReloadAsync()).ChangedAnything);
    }

    [Fact]
    public async Task Files_synced_moments_after_they_were_written_get_their_signatures_once_they_settle()
    {
        foreach (var file in Directory.EnumerateFiles(_seeds.Path))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow); // as after a bulk copy: inside the racy window
        }

        Assert.False((await Library.ReloadAsync()).ChangedAnything);
        Assert.All((await Store.GetSourceStatesAsync()).Values, state => Assert.Null(state.Signature));
        var settled = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.EnumerateFiles(_seeds.Path))
        {
            File.SetLastWriteTimeUtc(file, settled);
        }

        var report = await Library.ReloadAsync();

        Assert.False(report.ChangedAnything);
        var states = await Store.GetSourceStatesAsync();
        Assert.Equal(5, states.Count);
        Assert.All(states.Values, state => Assert.NotNull(state.Signature));
    }

    [Fact]
    public async Task A_file_written_moments_ago_is_always_hashed_even_with_its_old_size_and_time()
    {
        var path = _seeds.File("000_f2449a9af08e5e18.txt");
        var time = DateTime.UtcNow; // inside the racy window, so no signature is kept for it
        File.SetLastWriteTimeUtc(path, time);
        await Library.ReloadAsync();
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("Moscow denies", "Moscow DENIES", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, time);

        Assert.Equal(["000_f2449a9af08e5e18"], (await Library.ReloadAsync()).Updated);
    }

    [Fact]
    public async Task A_changed_file_is_replaced_and_its_old_text_leaves_the_index()
    {
        var path = _seeds.File("000_f2449a9af08e5e18.txt");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("Moscow denies sending troops and arms to the area.",
            "Moscow denies sending troops, arms and zeppelins to the area.", StringComparison.Ordinal));

        var report = await Library.ReloadAsync();

        Assert.Equal(["000_f2449a9af08e5e18"], report.Updated);
        Assert.Equal(4, report.Unchanged.Count);
        var index = await _bot.Services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync();
        Assert.Single(index.Search(["zeppelin"], 10));
        Assert.Equal(1, await Count("SELECT count(*) FROM articles WHERE id = '000_f2449a9af08e5e18'"));
    }

    [Fact]
    public async Task A_deleted_file_leaves_the_index()
    {
        File.Delete(_seeds.File("003_7c7c5e7f1d640ede.txt"));

        var report = await Library.ReloadAsync();

        Assert.Equal(["003_7c7c5e7f1d640ede"], report.Removed);
        Assert.Equal(0, await Count("SELECT count(*) FROM passages WHERE article_id = '003_7c7c5e7f1d640ede'"));
        Assert.Empty((await _bot.Services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync()).Search(["aleppo"], 10));
        Assert.DoesNotContain(await _bot.Catalog.GetArticlesAsync(), a => a.Id == "003_7c7c5e7f1d640ede");
    }

    [Fact]
    public async Task A_new_file_dropped_into_the_folder_is_ingested()
    {
        await File.WriteAllTextAsync(_seeds.File("900_extra.txt"),
            "Zebras Cross the Road Safely\n\nNAIROBI — A herd of zebras crossed the main road safely on Monday, officials said, after traffic was halted for an hour.\n");

        var report = await Library.ReloadAsync();

        Assert.Equal(["900_extra"], report.Added);
        var answer = await _bot.Answerer.AnswerAsync("Did the zebras cross the road?");
        Assert.True(answer.Answered);
        Assert.Equal("900_extra", answer.Passages[0].Article.Id);
    }

    [Fact]
    public async Task A_crash_before_commit_leaves_the_old_article_whole()
    {
        var before = await Snapshot();
        var reader = new SeedFolderReader(TimeProvider.System);
        var source = reader.Read(reader.List(_seeds.Path).Single(f => f.Id == "002_eba0712a350a7d7c"));
        var changed = _bot.Services.GetRequiredService<ArticleProcessor>().Process(source with { RawText = source.RawText + "\n\nAn extra closing paragraph that only the new version of this article has, long enough to be a passage of its own." });
        Store.BeforeCommit = () => throw new IOException("simulated crash");

        await Assert.ThrowsAsync<IOException>(() => Store.ReplaceAsync(changed));

        Store.BeforeCommit = null;
        Assert.Equal(before, await Snapshot());
        var index = await _bot.Services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync();
        Assert.Equal(await Count("SELECT count(*) FROM passages"), index.PassageCount);
        Assert.DoesNotContain(index.Search(["extra"], 10), h => h.ArticleId == "002_eba0712a350a7d7c");
    }

    [Fact]
    public async Task Database_uses_wal_and_records_its_schema_version()
    {
        await using var connection = await Open();
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
        Assert.Equal(SchemaMigrations.Steps.Count, await Count("PRAGMA user_version"));
    }

    /// <summary>Every passage row and article hash: equal snapshots mean nothing was rewritten.</summary>
    private async Task<string> Snapshot()
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT group_concat(x, '|') FROM (SELECT a.id || ':' || a.content_hash || ':' || a.ingested_at || ':' || " +
            "(SELECT group_concat(p.id || '/' || p.ordinal || '/' || length(p.text)) FROM passages p WHERE p.article_id = a.id) AS x " +
            "FROM articles a ORDER BY a.id)";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> Count(string sql)
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> Open()
    {
        var connection = new SqliteConnection($"Data Source={_bot.DatabasePath}");
        await connection.OpenAsync();
        return connection;
    }
}
