using ChatBot.Core.Articles;

namespace ChatBot.Core.Tests;

public sealed class ArticleCleanerTests
{
    /// <summary>Page furniture seen in the seeds; none of it may survive into the body.</summary>
    public static TheoryData<string> Furniture =>
    [
        "Listen Live", "Get short URL", "Subscribe", "Community standards", "Comment via", "Accessibility links",
        "Breaking News", "Newsfeed", "log in or register", "loader", "Заголовок", "Never miss a story",
        "sign up to our Telegram channel", "©", "Go to the mediabank", "Western Sanctions Against Russia (737)",
        "Vladimir Putin, Shinzo Abe, Russia, Japan", "Abe Pledges to Save Japanese Hostages",
        "Putin Likely to Skip Munich Security Conference", "Putin Agreed With Erdogan to Offer Peace Talks on Syria in Astana",
        "shake hands before  their meeting", "shakes hands with Japan's Prime Minister", "(left) meets with",
        "Go to the mediabankRussian President", "Sputnik International", "With reporting by", "Original url",
        "GMT", "0 43", "November 9, 2014",
    ];

    [Theory]
    [MemberData(nameof(Furniture))]
    public void No_page_furniture_survives_in_any_article_body(string furniture)
    {
        foreach (var id in SeedArticles.All)
        {
            var body = string.Join("\n", SeedArticles.Clean(id).Blocks.Select(b => b.Text));
            Assert.DoesNotContain(furniture, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(SeedArticles.MoscowTimes, "BEIJING — Japanese Prime Minister Shinzo Abe has pressed Russian President Vladimir Putin")]
    [InlineData(SeedArticles.MoscowTimes, "Moscow denies sending troops and arms to the area.")]
    [InlineData(SeedArticles.SputnikVisitsSuspended, "MOSCOW, January 21 (Sputnik) — Mutual visits by Russian and Japanese leaders")]
    [InlineData(SeedArticles.SputnikVisitsSuspended, "On December 31, 2014, Putin expressed his readiness for talks with Abe")]
    [InlineData(SeedArticles.RferlVladivostok, "Abe added that he had received Putin's support on efforts to resolve the issue of North Korean kidnappings")]
    [InlineData(SeedArticles.SputnikJapanVisit, "The prime minister proposed to create a zone of cohabitation")]
    [InlineData(SeedArticles.SputnikJapanVisit, "In return, the Japanese head of government accepted an invitation and promised to visit Russia in 2017.")]
    [InlineData(SeedArticles.SputnikAntalya, "The leaders spoke Sunday on the sidelines of the G20 summit in Antalya, Turkey.")]
    public void Article_body_is_kept(string id, string expected)
    {
        var body = string.Join("\n", SeedArticles.Clean(id).Blocks.Select(b => b.Text));
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_paragraph_of_every_body_is_kept_in_order()
    {
        // The body of 000 is easy to read off the file: every paragraph between the dateline and "Original url".
        var raw = SeedArticles.Raw(SeedArticles.MoscowTimes);
        var start = raw.IndexOf("BEIJING", StringComparison.Ordinal);
        var end = raw.IndexOf("Original url", StringComparison.Ordinal);
        var expected = string.Join(" ", raw[start..end].Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

        var actual = string.Join(" ", SeedArticles.Clean(SeedArticles.MoscowTimes).Blocks
            .SelectMany(b => b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_paragraph_broken_mid_sentence_by_the_scrape_is_rejoined()
    {
        var blocks = SeedArticles.Clean(SeedArticles.MoscowTimes).Blocks;
        Assert.Contains(blocks, b => b.Text.Contains("into the country's east to support pro-Russian separatists.", StringComparison.Ordinal));
        Assert.DoesNotContain(blocks, b => b.Text.StartsWith("east to support", StringComparison.Ordinal));
    }

    [Fact]
    public void Sub_headings_are_headings_not_paragraphs()
    {
        var blocks = SeedArticles.Clean(SeedArticles.SputnikJapanVisit).Blocks;
        var headings = blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text).ToList();
        Assert.Equal(["Is Peace Treaty Possible?", "Economic Cooperation", "Syria Issues", "Future Visits"], headings);
    }

    [Fact]
    public void A_run_of_headlines_is_a_related_stories_list_and_is_dropped()
    {
        var cleaned = new ArticleCleaner().Clean(
            "Big Headline Here\n\nLONDON — Something happened today and it was reported at length by our correspondent in the city.\n\n" +
            "Another Story About Things\nYet Another Story Somewhere Else\n");
        Assert.Equal("Big Headline Here", cleaned.Title);
        Assert.Single(cleaned.Blocks);
    }

    [Theory]
    [InlineData(SeedArticles.MoscowTimes, "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds")]
    [InlineData(SeedArticles.SputnikVisitsSuspended, "Mutual Visits of Russian, Japanese Leaders Suspended Over Tokyo’s Sanctions")]
    [InlineData(SeedArticles.RferlVladivostok, "Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea")]
    [InlineData(SeedArticles.SputnikJapanVisit, null)]
    [InlineData(SeedArticles.SputnikAntalya, "Putin, Abe Praise Closer Ties Between Russia, Japan, Positive Dialogue")]
    public void Title_is_the_headline_before_the_body_never_a_caption(string id, string? title) =>
        Assert.Equal(title, SeedArticles.Clean(id).Title);

    [Fact]
    public void Source_url_comes_from_the_original_url_line()
    {
        Assert.Equal(
            "https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157",
            SeedArticles.Clean(SeedArticles.MoscowTimes).SourceUrl);
        Assert.Null(SeedArticles.Clean(SeedArticles.SputnikAntalya).SourceUrl);
    }
}
