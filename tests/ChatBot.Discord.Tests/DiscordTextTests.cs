using ChatBot.Discord.Bot;

namespace ChatBot.Discord.Tests;

public sealed class DiscordTextTests
{
    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("one two three four", 10, "one two…")]
    [InlineData("abcdefghijkl", 5, "abcd…")]
    public void Truncate_keeps_within_the_limit(string text, int max, string expected)
    {
        Assert.Equal(expected, DiscordText.Truncate(text, max));
    }

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var text = "ab" + "😀" + "cdef"; // the emoji is two UTF-16 units at index 2–3

        var cut = DiscordText.Truncate(text, 4);

        Assert.Equal("ab…", cut);
        Assert.True(cut.Length <= 4);
    }
}
