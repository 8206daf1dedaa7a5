using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Tests;

public sealed class QueryAnalyzerTests
{
    private readonly QueryAnalyzer _analyzer = new(new TermAnalyzer());

    [Fact]
    public void Keeps_content_words_as_stems_and_drops_stop_words()
    {
        Assert.Equal(["ab", "urg", "putin"], _analyzer.ContentTerms("What did Abe urge Putin to do?"));
    }

    [Fact]
    public void Lowercases_and_deduplicates_by_stem()
    {
        Assert.Equal(["putin", "sanction"], _analyzer.ContentTerms("PUTIN putin Sanctions sanctioned SANCTION"));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("NEAR(putin abe, 3)")]
    [InlineData("putin*")]
    [InlineData("((((")]
    [InlineData("title:putin OR abe AND NOT x")]
    [InlineData("^putin + -abe {a b}")]
    [InlineData("'; DROP TABLE passages; --")]
    public void Hostile_input_yields_only_letters_and_digits(string question)
    {
        foreach (var term in _analyzer.ContentTerms(question))
        {
            Assert.True(term.All(char.IsLetterOrDigit), $"term '{term}' from '{question}'");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!?")]
    [InlineData("what is the")]
    public void Questions_without_content_words_have_no_terms(string question) =>
        Assert.Empty(_analyzer.ContentTerms(question));

    [Fact]
    public void Term_count_is_bounded()
    {
        var question = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));
        Assert.Equal(QueryAnalyzer.MaxTerms, _analyzer.ContentTerms(question).Count);
    }

    [Fact]
    public void Non_latin_words_are_kept_whole()
    {
        Assert.Equal(["путин", "東京"], _analyzer.ContentTerms("Путин 東京"));
    }
}
