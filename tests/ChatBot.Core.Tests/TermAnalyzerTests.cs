using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Tests;

public sealed class TermAnalyzerTests
{
    private static (List<string> Terms, int Tokens) Analyze(string text)
    {
        var terms = new List<string>();
        var tokens = new TermAnalyzer().Analyze(text, terms.Add);
        return (terms, tokens);
    }

    [Fact]
    public void Stop_words_count_towards_length_but_are_not_terms()
    {
        var (terms, tokens) = Analyze("The talks were about the Kuril Islands.");
        Assert.Equal(["talk", "kuril", "island"], terms);
        Assert.Equal(7, tokens);
    }

    [Fact]
    public void Latin_accents_are_removed_but_other_scripts_keep_their_letters()
    {
        Assert.Equal(["muller", "cafe"], Analyze("Müller CAFÉ").Terms);
        Assert.Equal(["путин", "сергей"], Analyze("Путин, Сергей").Terms);
    }

    [Fact]
    public void Punctuation_and_symbols_split_words_and_never_reach_the_terms()
    {
        var (terms, _) = Analyze("\"putin*\" NEAR(abe) -- 'x' 🙂 g20");
        Assert.Equal(["putin", "near", "ab", "g20"], terms);
        Assert.All(terms, t => Assert.True(t.All(char.IsLetterOrDigit)));
    }
}
