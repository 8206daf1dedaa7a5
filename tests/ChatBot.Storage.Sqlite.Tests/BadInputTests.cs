using System.Text;
using ChatBot.Core.Ingestion;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

/// <summary>Each bad file is skipped with one line naming it and the reason; everything else is ingested and answers.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Moscow = "000_f2449a9af08e5e18";
    private readonly TempDirectory _seeds = TempDirectory.CopyOf(RepoPaths.Seeds);
    private SeedAnswerer _bot = null!;

    private ArticleLibrary Library => _bot.Services.GetRequiredService<ArticleLibrary>();

    public async Task InitializeAsync()
    {
        _bot = await SeedAnswerer.CreateAsync(_seeds.Path);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _seeds.Dispose();
    }

    [Theory]
    [InlineData("{ \"published\": \"2018-09-10\", ", "not valid JSON (line 1")]
    [InlineData("{ \"published\": \"16/12/2016\", \"date_basis\": \"x\" }", "'published' must be a date written YYYY-MM-DD (e.g. \"2018-09-10\"), got \"16/12/2016\"")]
    [InlineData("{ \"published\": \"2999-01-01\", \"date_basis\": \"x\" }", "'published' is 2999-01-01, a date in the future")]
    [InlineData("{ \"published\": \"2018-09-10\" }", "'date_basis' is required")]
    [InlineData("{ \"date_certain\": \"yes\" }", "'date_certain' must be true or false, got \"yes\"")]
    [InlineData("[1, 2]", "must be a JSON object")]
    public async Task A_bad_sidecar_is_skipped_with_the_field_and_the_expected_format_and_the_rest_is_ingested(string sidecar, string reason)
    {
        await File.WriteAllTextAsync(_seeds.File("900_new.txt"), "Zebras Cross the Road\n\nNAIROBI — A herd of zebras crossed the main road safely on Monday, officials said.\n");
        await File.WriteAllTextAsync(_seeds.File("900_new.meta.json"), sidecar);

        var report = await Library.ReloadAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Equal(_seeds.File("900_new.meta.json"), skip.Path);
        Assert.Contains(reason, skip.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", skip.Reason, StringComparison.Ordinal);
        Assert.Equal(5, report.Articles.Count);
        Assert.True((await _bot.Answerer.AnswerAsync("Did Moscow deny sending troops?")).Answered);
    }

    [Fact]
    public async Task A_file_that_turns_bad_keeps_its_stored_version()
    {
        await File.WriteAllTextAsync(_seeds.File(Moscow + ".meta.json"), "{ broken");

        var report = await Library.ReloadAsync();

        Assert.Single(report.Skipped);
        Assert.Empty(report.Removed);
        Assert.Contains(report.Articles, a => a.Metadata.Id == Moscow);
    }

    [Fact]
    public async Task A_binary_file_named_txt_is_skipped_not_indexed()
    {
        var binary = new byte[4096];
        new Random(7).NextBytes(binary);
        binary[100] = 0;
        await File.WriteAllBytesAsync(_seeds.File("901_ls.txt"), binary);

        var report = await Library.ReloadAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Contains("binary", skip.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Articles, a => a.Metadata.Id == "901_ls");
    }

    [Fact]
    public async Task A_latin1_file_is_skipped_with_a_warning_instead_of_read_as_broken_utf8()
    {
        await File.WriteAllBytesAsync(_seeds.File("902_cafe.txt"), Encoding.Latin1.GetBytes("Café au lait\n\nPARIS — The café served café au lait to every visitor on Monday, its owner said.\n"));

        var report = await Library.ReloadAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Contains("not UTF-8", skip.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Articles, a => a.Metadata.Id == "902_cafe");
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-8")]
    public async Task A_file_with_a_byte_order_mark_is_decoded(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var text = "Café au Lait Wins the Prize\n\nPARIS — The café's café au lait won the city's prize on Monday, its owner said.\n";
        await File.WriteAllBytesAsync(_seeds.File("903_cafe.txt"), [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

        var report = await Library.ReloadAsync();

        Assert.Empty(report.Skipped);
        Assert.Equal("Café au Lait Wins the Prize", Assert.Single(report.Articles, a => a.Metadata.Id == "903_cafe").Metadata.Title);
    }

    [Fact]
    public async Task A_symlink_loop_and_an_unreadable_file_are_skipped()
    {
        File.CreateSymbolicLink(_seeds.File("904_loop.txt"), _seeds.File("904_loop.txt"));
        await File.WriteAllTextAsync(_seeds.File("905_secret.txt"), "Secret\n\nNobody may read this text at all, the owner said.\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_seeds.File("905_secret.txt"), UnixFileMode.None);
        }

        var canRead = CanRead(_seeds.File("905_secret.txt")); // root reads anything

        var report = await Library.ReloadAsync();

        Assert.Contains(report.Skipped, s => s.Path == _seeds.File("904_loop.txt") && s.Reason.Contains("symbolic link", StringComparison.Ordinal));
        if (!canRead)
        {
            Assert.Contains(report.Skipped, s => s.Path == _seeds.File("905_secret.txt") && s.Reason.Contains("cannot be read", StringComparison.Ordinal));
        }

        Assert.Equal(5, report.Articles.Count(a => a.Metadata.Id.StartsWith("00", StringComparison.Ordinal)));
    }

    private static bool CanRead(string path)
    {
        try
        {
            File.ReadAllBytes(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
