using ChatBot.Core.Ingestion;
using ChatBot.Core.Text;

namespace ChatBot.Core.Tests;

/// <summary>Control characters in an article never reach the store, and so never a terminal or a platform.</summary>
public sealed class ControlCharacterTests
{
    private const string Injection = "\u001b]0;PWNED\u0007\u001b[2J\u001b[31m\u009b1m\u007f\0";

    [Fact]
    public void An_article_keeps_no_control_character_in_its_text_metadata_or_passages()
    {
        var raw = $"Zebras Cross the Road\n\nNAIROBI — A herd of zebras {Injection}crossed\tthe main road\r\nsafely on Monday after traffic was halted,\rofficials said.\n";
        var sidecar = """{ "publisher": "Zebra \u001b[31mNews\u0085", "url": "https://zebra.example/a\u001b[2J" }""";

        var processed = SeedArticles.Processor().Process(new ArticleSource("700_zebras", raw, sidecar, "700_zebras.txt"));

        string[] texts = [processed.Metadata.Title, processed.Metadata.Publisher!, processed.Metadata.Url!, processed.Body, .. processed.Passages.Select(p => p.Text)];
        Assert.All(texts, text => Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\t'));
        Assert.Equal("Zebra [31mNews", processed.Metadata.Publisher);
        Assert.Equal("https://zebra.example/a[2J", processed.Metadata.Url);
        Assert.Contains("zebras ]0;PWNED[2J[31m1mcrossed", processed.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain text\twith tab\nand newline", "plain text\twith tab\nand newline")]
    [InlineData("a\r\nb\rc", "a\nb\nc")]
    [InlineData("\u001b[2Jclear\u0007\u0085\u009f\u007f", "[2Jclear")]
    [InlineData("ünïcödé — “quotes” 日本", "ünïcödé — “quotes” 日本")]
    public void Only_tab_and_newline_survive(string input, string expected) =>
        Assert.Equal(expected, ControlCharacters.Remove(input));
}
