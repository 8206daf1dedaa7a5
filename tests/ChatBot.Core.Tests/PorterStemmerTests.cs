using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Tests;

public sealed class PorterStemmerTests
{
    // Examples worked through in Porter's 1980 paper (step by step there; whole words here).
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("adoption", "adopt")]
    [InlineData("controlling", "control")]
    [InlineData("effective", "effect")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    public void Stems_like_the_paper(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Word_forms_meet_at_one_stem()
    {
        var stems = new[] { "discuss", "discussed", "discussing", "discussion", "discusses" }.Select(PorterStemmer.Stem).Distinct();
        Assert.Equal(["discuss"], stems);
    }

    [Theory]
    [InlineData("an")]
    [InlineData("2014")]
    [InlineData("путин")]
    [InlineData("Putin")]
    [InlineData("g20")]
    public void Leaves_short_non_ascii_and_mixed_words_alone(string word) => Assert.Equal(word, PorterStemmer.Stem(word));
}
