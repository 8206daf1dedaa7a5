using ChatBot.Testing;
using Microsoft.Data.Sqlite;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>An SK app's relative paths follow the same content root as the bot's host (<c>ChatBot:Root</c>).</summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task Relative_seeds_and_database_paths_are_taken_from_ChatBot_Root_not_the_working_directory()
    {
        using var root = TempDirectory.CopyOf(RepoPaths.Seeds);
        using var unused = new TempDirectory();
        var configuration = ArticleKernel.Configuration(unused, new Dictionary<string, string?>
        {
            ["ChatBot:Root"] = Path.GetDirectoryName(root.Path),
            ["Library:SeedsPath"] = Path.GetFileName(root.Path),
            ["Storage:DatabasePath"] = Path.Combine(Path.GetFileName(root.Path), "db", "chatbot.db"),
            ["Embeddings:Model"] = "none",
        });

        var answered = await ReadmeSample.RunAsync(configuration, "Why were mutual visits by Russian and Japanese leaders suspended?");
        SqliteConnection.ClearAllPools();

        Assert.Contains("Sputnik, 21 January 2015", answered, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root.Path, "db", "chatbot.db")));
    }
}
