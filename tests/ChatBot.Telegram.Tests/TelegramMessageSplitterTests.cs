using System.Text.RegularExpressions;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Tests.Fakes;

namespace ChatBot.Telegram.Tests;

public sealed class TelegramMessageSplitterTests
{
    [Fact]
    public void Short_text_is_one_message()
    {
        Assert.Equal(["<b>hi</b>"], TelegramMessageSplitter.Split("<b>hi</b>"));
    }

    [Fact]
    public void Long_answer_is_split_between_paragraphs_and_nothing_is_lost()
    {
        var paragraphs = Enumerable.Range(1, 12)
            .Select(i => $"<blockquote>Passage {i}: {new string('x', 700)} &amp; more</blockquote>\n— <a href=\"https://e.com/{i}\">Title {i}</a>, Pub, 1 May 2015")
            .ToList();
        var html = string.Join("\n\n", paragraphs);

        var parts = TelegramMessageSplitter.Split(html);

        Assert.True(parts.Count > 1);
        Assert.All(parts, part => Assert.True(part.Length <= 4096, $"part of {part.Length}"));
        // Every paragraph survives whole, in order: the parts are just the paragraphs regrouped.
        Assert.Equal(paragraphs, parts.SelectMany(part => part.Split("\n\n")).ToList());
        Assert.All(parts, part => Assert.Null(TelegramHtmlChecker.Check(part).Error));
    }

    [Fact]
    public void Oversized_paragraph_is_cut_at_spaces_and_open_tags_are_closed_and_reopened()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"w{i}&amp;"));
        var html = $"<blockquote><i>{words}</i></blockquote>";

        var parts = TelegramMessageSplitter.Split(html, 1000);

        Assert.True(parts.Count >= 10);
        Assert.All(parts, part =>
        {
            Assert.True(part.Length <= 1000, $"part of {part.Length}");
            Assert.StartsWith("<blockquote><i>", part);
            Assert.EndsWith("</i></blockquote>", part);
            Assert.Null(TelegramHtmlChecker.Check(part).Error);
        });
        var rejoined = string.Join(' ', parts.Select(part => part["<blockquote><i>".Length..^"</i></blockquote>".Length]));
        Assert.Equal(words, rejoined);
    }

    [Fact]
    public void Text_without_spaces_is_cut_without_breaking_entities_or_surrogate_pairs()
    {
        var html = string.Concat(Enumerable.Repeat("😀&lt;", 600));

        var parts = TelegramMessageSplitter.Split(html, 100);

        Assert.Equal(html, string.Concat(parts));
        Assert.All(parts, part =>
        {
            Assert.True(part.Length <= 100);
            Assert.False(char.IsLowSurrogate(part[0]));
            Assert.False(char.IsHighSurrogate(part[^1]));
            Assert.Matches(new Regex("^(😀|&lt;)+$"), part);
        });
    }
}
