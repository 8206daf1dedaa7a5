using ChatBot.Testing;
using Microsoft.Data.Sqlite;

namespace ChatBot.SemanticKernel.Tests;

public sealed class ReadmeSampleTests
{
    [Fact]
    public void The_readme_shows_the_sample_exactly_as_it_is_compiled()
    {
        var source = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "ChatBot.SemanticKernel.Tests", "ReadmeSample.cs"));
        var start = Array.FindIndex(source, l => l.Trim() == "// readme:start");
        var end = Array.FindIndex(source, l => l.Trim() == "// readme:end");
        Assert.True(start >= 0 && end > start, "ReadmeSample.cs lost its markers");
        var block = source[(start + 1)..end];
        var indent = block.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var sample = string.Join('\n', block.Select(l => l.Length >= indent ? l[indent..] : l.Trim()));

        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + sample + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_answers_with_a_citation_and_declines_off_topic()
    {
        using var directory = new TempDirectory();
        var configuration = ArticleKernel.Configuration(directory, ArticleKernel.Bm25Only());

        var answered = await ReadmeSample.RunAsync(configuration, "Why were mutual visits by Russian and Japanese leaders suspended?");
        var declined = await ReadmeSample.RunAsync(configuration, "How do I bake a chocolate cake?");
        SqliteConnection.ClearAllPools();

        Assert.Contains("Sputnik, 21 January 2015", answered, StringComparison.Ordinal);
        Assert.Equal(ArticleCitation.NotInTheArticles, declined);
    }
}
