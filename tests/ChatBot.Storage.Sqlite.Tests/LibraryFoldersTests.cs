using ChatBot.Core.Ingestion;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

/// <summary>
/// The library is the list of folders in one place: a sync covers exactly those; adding or removing a folder is the
/// only way to change it, and nothing is removed as a side effect of anything else.
/// </summary>
public sealed class LibraryFoldersTests : IAsyncLifetime
{
    private readonly TempDirectory _seeds = TempDirectory.CopyOf(RepoPaths.Seeds);
    private readonly TempDirectory _other = new();
    private SeedAnswerer _bot = null!;

    private ArticleLibrary Library => _bot.Services.GetRequiredService<ArticleLibrary>();

    private LibraryFolders Folders => _bot.Services.GetRequiredService<LibraryFolders>();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_other.File("500_zebras.txt"), Article("Zebras Cross the Road Safely", "A herd of zebras crossed the main road safely on Monday after traffic was halted."));
        _bot = await SeedAnswerer.CreateAsync(_seeds.Path);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _seeds.Dispose();
        _other.Dispose();
    }

    [Fact]
    public async Task Adding_a_folder_keeps_the_seeds_and_adds_its_articles()
    {
        Assert.True(await Folders.AddAsync(_other.Path));
        var report = await Library.ReloadAsync();

        Assert.Equal(["500_zebras"], report.Added);
        Assert.Empty(report.Removed);
        Assert.Equal(6, report.Articles.Count);
        Assert.Equal(_other.Path, Assert.Single(report.Articles, a => a.Metadata.Id == "500_zebras").Folder);
        Assert.All(report.Articles.Where(a => a.Metadata.Id != "500_zebras"), a => Assert.Equal(_seeds.Path, a.Folder));
        Assert.True((await _bot.Answerer.AnswerAsync("Did the zebras cross the road?")).Answered);
    }

    [Fact]
    public async Task A_second_process_with_its_own_library_file_syncs_the_shared_list_and_removes_nothing()
    {
        await Folders.AddAsync(_other.Path);
        await Library.ReloadAsync();

        // A second process (fresh services, same database and library file) starting to answer questions.
        await using var second = await SeedAnswerer.CreateAsync(_seeds.Path, new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = _bot.DatabasePath,
        });
        var report = await second.Services.GetRequiredService<ArticleLibrary>().EnsureCurrentAsync();

        Assert.Empty(report.Removed);
        Assert.Equal(6, report.Articles.Count);
        Assert.True((await second.Answerer.AnswerAsync("Did the zebras cross the road?")).Answered);
    }

    [Fact]
    public async Task Removing_a_folder_removes_exactly_its_articles_and_re_adding_brings_them_back()
    {
        await Folders.AddAsync(_other.Path);
        await Library.ReloadAsync();

        Assert.True(await Folders.RemoveAsync(_other.Path));
        var removed = await Library.ReloadAsync();
        Assert.Equal(["500_zebras"], removed.Removed);
        Assert.Equal(5, removed.Articles.Count);
        Assert.False((await _bot.Answerer.AnswerAsync("Did the zebras cross the road?")).Answered);

        Assert.True(await Folders.AddAsync(_other.Path));
        var readded = await Library.ReloadAsync();
        Assert.Equal(["500_zebras"], readded.Added);
        Assert.Equal(6, readded.Articles.Count);
        Assert.False(await Folders.AddAsync(_other.Path)); // already there
    }

    [Fact]
    public async Task Two_folders_holding_the_same_file_name_are_both_in_the_library()
    {
        const string sameName = "000_f2449a9af08e5e18";
        await File.WriteAllTextAsync(_other.File(sameName + ".txt"), Article("Penguins Parade in Cape Town", "Hundreds of penguins paraded along the beach in Cape Town on Sunday, rangers said."));
        await Folders.AddAsync(_other.Path);

        var report = await Library.ReloadAsync();

        var otherId = $"{Path.GetFileName(_other.Path)}/{sameName}";
        Assert.Contains(otherId, report.Added);
        Assert.Contains(report.Articles, a => a.Metadata.Id == sameName && a.Folder == _seeds.Path);
        Assert.Contains(report.Articles, a => a.Metadata.Id == otherId && a.Folder == _other.Path);
        Assert.True((await _bot.Answerer.AnswerAsync("Did the penguins parade on the beach?")).Answered);
        Assert.True((await _bot.Answerer.AnswerAsync("Did Moscow deny sending troops?")).Answered);
    }

    [Fact]
    public async Task A_missing_folder_keeps_its_articles_and_says_so()
    {
        await Folders.AddAsync(_other.Path);
        await Library.ReloadAsync();
        _other.Dispose(); // e.g. an unmounted drive

        var report = await Library.ReloadAsync();

        Assert.Empty(report.Removed);
        Assert.Equal([_other.Path], report.MissingFolders);
        Assert.Equal(6, report.Articles.Count);
    }

    [Fact]
    public async Task A_process_whose_root_lacks_a_folder_keeps_its_articles_and_names_it()
    {
        using var rootA = new TempDirectory();
        using var rootB = new TempDirectory();
        Directory.CreateDirectory(rootA.File("more"));
        File.Copy(_other.File("500_zebras.txt"), rootA.File(Path.Combine("more", "500_zebras.txt")));
        await using var first = await SeedAnswerer.CreateAsync(_seeds.Path, new Dictionary<string, string?> { ["ChatBot:Root"] = rootA.Path });
        await first.Services.GetRequiredService<LibraryFolders>().AddAsync(rootA.File("more"));
        var added = await first.Services.GetRequiredService<ArticleLibrary>().ReloadAsync();
        Assert.Equal("more", Assert.Single(added.Articles, a => a.Metadata.Id == "500_zebras").Folder);

        // Another process on the same database whose content root has no "more" folder (another mount, another machine).
        await using var second = await SeedAnswerer.CreateAsync(_seeds.Path, new Dictionary<string, string?>
        {
            ["ChatBot:Root"] = rootB.Path,
            ["Storage:DatabasePath"] = first.DatabasePath,
        });
        var report = await second.Services.GetRequiredService<ArticleLibrary>().ReloadAsync();

        Assert.Empty(report.Removed);
        Assert.Equal([Path.Combine(rootB.Path, "more")], report.MissingFolders);
        Assert.True((await second.Answerer.AnswerAsync("Did the zebras cross the road?")).Answered);
    }

    [Fact]
    public async Task A_library_file_of_an_older_version_is_imported_into_the_database_once()
    {
        using var data = new TempDirectory();
        var legacy = data.File("library.json");
        await File.WriteAllTextAsync(legacy, $$"""{ "Folders": [ {{System.Text.Json.JsonSerializer.Serialize(_seeds.Path)}}, {{System.Text.Json.JsonSerializer.Serialize(_other.Path)}} ] }""");

        await using var bot = await SeedAnswerer.CreateAsync(_seeds.Path, new Dictionary<string, string?> { ["Library:File"] = legacy });
        var folders = bot.Services.GetRequiredService<LibraryFolders>();

        Assert.True(await folders.IsRecordedAsync());
        Assert.Equal([_seeds.Path, _other.Path], (await folders.CurrentAsync()).Select(f => f.Path));
        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(legacy + ".imported"));
        Assert.True((await bot.Answerer.AnswerAsync("Did the zebras cross the road?")).Answered);
    }

    [Fact]
    public async Task Articles_an_older_version_stored_with_full_folder_paths_are_kept_and_take_the_folder_key()
    {
        var key = Path.GetFileName(_seeds.Path);
        await using var bot = await SeedAnswerer.CreateAsync(_seeds.Path, new Dictionary<string, string?> { ["ChatBot:Root"] = Path.GetDirectoryName(_seeds.Path) });
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bot.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE articles SET folder = $full";
            command.Parameters.AddWithValue("$full", _seeds.Path);
            Assert.Equal(5, await command.ExecuteNonQueryAsync());
        }

        var report = await bot.Services.GetRequiredService<ArticleLibrary>().ReloadAsync();
        var again = await bot.Services.GetRequiredService<ArticleLibrary>().ReloadAsync();

        Assert.Empty(report.Removed);
        Assert.Empty(report.Added);
        Assert.All(report.Articles, a => Assert.Equal(key, a.Folder));
        Assert.Equal(5, again.Unchanged.Count);
    }

    private static string Article(string title, string body) => $"{title}\n\nNAIROBI — {body} Officials said the event went well.\n";
}
