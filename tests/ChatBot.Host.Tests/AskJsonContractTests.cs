using System.Text.Json;

namespace ChatBot.Host.Tests;

/// <summary>The <c>ask --json</c> contract, checked on the real executable from a directory with no database yet.</summary>
public sealed class AskJsonContractTests
{
    [Theory]
    [InlineData("What did Abe urge Putin to do about the cease-fire in Ukraine?", "000_f2449a9af08e5e18", "2014-11-10", true, "The Moscow Times")]
    [InlineData("Why were mutual visits by Russian and Japanese leaders suspended?", "001_a7293964405338a4", "2015-01-21", true, "Sputnik")]
    [InlineData("What did Matviyenko say about Kim Jong Un and denuclearization?", "002_eba0712a350a7d7c", "2018-09-10", true, "RFE/RL")]
    [InlineData("What did Abe propose for the Kuril Islands cohabitation?", "003_7c7c5e7f1d640ede", "2016-12-16", false, "Sputnik")]
    [InlineData("How much have Japanese companies invested in the Russian economy?", "004_92e40dcac4cd9379", "2015-11-15", false, "Sputnik")]
    public async Task Answers_from_the_right_article_with_a_correct_date(string question, string article, string published, bool certain, string publisher)
    {
        using var host = new HostProcess();
        var (code, stdout, stderr) = await host.RunAsync("ask", question, "--json");

        Assert.True(code == 0, stderr);
        using var json = ParseSingleObject(stdout);
        var root = json.RootElement;
        Assert.Equal(question, root.GetProperty("question").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("reply").GetString()));

        var first = root.GetProperty("passages")[0];
        Assert.Equal(article, first.GetProperty("article").GetString());
        Assert.Equal(publisher, first.GetProperty("publisher").GetString());
        Assert.Equal(published, first.GetProperty("published").GetString());
        Assert.Equal(certain, first.GetProperty("date_certain").GetBoolean());
        if (!certain)
        {
            Assert.Contains(", date inferred from the text", root.GetProperty("reply").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(JsonValueKind.Number, first.GetProperty("passage").ValueKind);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("score").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("title").GetString()));
        Assert.Contains(first.GetProperty("text").GetString()!, root.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.True(first.TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("How do I bake a chocolate cake?")]
    [InlineData("NEAR( \"*\" ) OR (")]
    [InlineData("When did Abe resign?")] // near the domain: every passage is about Abe, none about resigning
    [InlineData("Where was Shinzo Abe shot?")]
    public async Task Off_topic_questions_are_declined_and_cite_nothing(string question)
    {
        using var host = new HostProcess();
        var (code, stdout, stderr) = await host.RunAsync("ask", question, "--json");

        Assert.True(code == 0, stderr);
        using var json = ParseSingleObject(stdout);
        Assert.False(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("passages").GetArrayLength());
    }

    [Fact]
    public async Task Logs_go_to_stderr_and_never_to_stdout()
    {
        using var host = new HostProcess();
        host.Environment["Logging__LogLevel__Default"] = "Debug";
        var (code, stdout, stderr) = await host.RunAsync("ask", "Where is Nagato?", "--json");

        Assert.Equal(0, code);
        Assert.Contains("Ingested", stderr, StringComparison.Ordinal);
        using var json = ParseSingleObject(stdout);
        Assert.True(json.RootElement.GetProperty("answered").GetBoolean());
    }

    [Fact]
    public async Task Bad_configuration_is_a_clear_error_not_a_stack_trace()
    {
        using var host = new HostProcess();
        host.Environment["Passages__MaxLength"] = "5";
        var (code, stdout, stderr) = await host.RunAsync("ask", "anything", "--json");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("MaxLength", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_seeds_folder_is_a_clear_error()
    {
        using var host = new HostProcess();
        host.Environment["Library__SeedsPath"] = "/nonexistent/seeds";
        var (code, _, stderr) = await host.RunAsync("ask", "anything");

        Assert.Equal(1, code);
        Assert.Contains("Article folder not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_settings_file_is_valid_configuration()
    {
        using var host = new HostProcess();
        File.Copy(Path.Combine(ChatBot.Testing.RepoPaths.Root, "appsettings.example.json"), Path.Combine(host.WorkingDirectory, "appsettings.json"));
        host.Environment["Library__SeedsPath"] = ChatBot.Testing.RepoPaths.Seeds;
        var (code, stdout, stderr) = await host.RunAsync("ask", "Where is Nagato?", "--json");

        Assert.True(code == 0, stderr);
        using var json = ParseSingleObject(stdout);
        Assert.True(json.RootElement.GetProperty("answered").GetBoolean());
    }

    /// <summary>stdout must be exactly one JSON object (a trailing newline aside).</summary>
    private static JsonDocument ParseSingleObject(string stdout)
    {
        var document = JsonDocument.Parse(stdout.TrimEnd('\n'));
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        return document;
    }
}
