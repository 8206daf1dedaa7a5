using ChatBot.Core.Answers;
using ChatBot.Core.Articles;

namespace ChatBot.Core.Tests;

public sealed class ArticleMetadataTests
{
    [Theory]
    [InlineData(SeedArticles.MoscowTimes, "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds", "The Moscow Times", "2014-11-10", true)]
    [InlineData(SeedArticles.SputnikVisitsSuspended, "Mutual Visits of Russian, Japanese Leaders Suspended Over Tokyo’s Sanctions", "Sputnik", "2015-01-21", true)]
    [InlineData(SeedArticles.RferlVladivostok, "Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea", "RFE/RL", "2018-09-10", true)]
    [InlineData(SeedArticles.SputnikJapanVisit, "Putin and Abe Hold Second Round of Talks in Japan", "Sputnik", "2016-12-16", false)]
    [InlineData(SeedArticles.SputnikAntalya, "Putin, Abe Praise Closer Ties Between Russia, Japan, Positive Dialogue", "Sputnik", "2015-11-15", false)]
    public void Every_seed_has_its_title_publisher_and_date(string id, string title, string publisher, string date, bool certain)
    {
        var meta = SeedArticles.Process(id).Metadata;
        Assert.Equal(title, meta.Title);
        Assert.Equal(publisher, meta.Publisher);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), meta.Date.Value);
        Assert.Equal(certain, meta.Date.Certain);
        Assert.False(string.IsNullOrWhiteSpace(meta.Date.Basis));
    }

    [Fact]
    public void Only_the_moscow_times_article_has_a_canonical_url()
    {
        Assert.StartsWith("https://www.themoscowtimes.com/2014/11/10/", SeedArticles.Process(SeedArticles.MoscowTimes).Metadata.Url, StringComparison.Ordinal);
        foreach (var id in SeedArticles.All.Skip(1))
        {
            Assert.Null(SeedArticles.Process(id).Metadata.Url);
        }
    }

    [Fact]
    public void Explicit_date_line_is_certain_and_cross_checked_with_the_url()
    {
        var date = SeedArticles.Process(SeedArticles.MoscowTimes).Metadata.Date;
        Assert.True(date.Certain);
        Assert.Contains("explicit date line", date.Basis, StringComparison.Ordinal);
        Assert.Contains("canonical URL", date.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Dateline_without_year_is_pinned_by_reported_dates_and_the_named_weekday()
    {
        var date = SeedArticles.Process(SeedArticles.SputnikVisitsSuspended).Metadata.Date;
        Assert.Equal(new DateOnly(2015, 1, 21), date.Value);
        Assert.True(date.Certain);
        Assert.StartsWith("inferred from content", date.Basis, StringComparison.Ordinal);
        Assert.Contains("Wednesday", date.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_timestamps_are_never_taken_as_publication_dates()
    {
        // Without sidecars the text alone proves no date for these: the header clocks (2019, 2020) must not be used.
        foreach (var id in new[] { SeedArticles.SputnikJapanVisit, SeedArticles.RferlVladivostok })
        {
            var date = SeedArticles.Process(id, withSidecar: false).Metadata.Date;
            Assert.Null(date.Value);
            Assert.False(date.Certain);
        }

        Assert.Contains("scrape time", SeedArticles.Process(SeedArticles.SputnikJapanVisit, withSidecar: false).Metadata.Date.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Photo_caption_dates_are_never_taken_as_publication_dates()
    {
        // 004's caption says "November 9, 2014"; the article is from the G20 in Antalya a year later.
        var date = SeedArticles.Process(SeedArticles.SputnikAntalya, withSidecar: false).Metadata.Date;
        Assert.Null(date.Value);
        Assert.NotEqual(new DateOnly(2014, 11, 9), date.Value);
    }

    [Fact]
    public void Dateline_without_a_weekday_gives_an_estimate_that_is_not_certain()
    {
        var raw = "Some Headline For a Test\n\nMOSCOW, March 3 (Sputnik) — Officials met and talked about the deal they agreed on February 1, 2016, for a long time in the capital.\n";
        var scrape = new ArticleCleaner().Clean(raw);
        var date = new ArticleMetadataExtractor().Extract("x", scrape, null).Metadata.Date;
        Assert.Equal(new DateOnly(2016, 3, 3), date.Value);
        Assert.False(date.Certain);
    }

    [Fact]
    public void Sidecar_overrides_fields_and_its_basis_is_kept()
    {
        var meta = SeedArticles.Process(SeedArticles.RferlVladivostok).Metadata;
        Assert.StartsWith("sidecar: inferred from content", meta.Date.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sidecar_date_without_basis_is_rejected_with_a_clear_error()
    {
        var source = SeedArticles.Source(SeedArticles.SputnikAntalya) with { SidecarJson = """{"published": "2015-11-15"}""" };
        var error = Assert.Throws<InvalidDataException>(() => SeedArticles.Processor().Process(source));
        Assert.Contains("date_basis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_sidecar_names_the_file()
    {
        var source = SeedArticles.Source(SeedArticles.SputnikAntalya) with { SidecarJson = "{ not json" };
        var error = Assert.Throws<InvalidDataException>(() => SeedArticles.Processor().Process(source));
        Assert.Contains("004_92e40dcac4cd9379.meta.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SeedArticles.MoscowTimes, "10 November 2014")]
    [InlineData(SeedArticles.SputnikVisitsSuspended, "21 January 2015")]
    [InlineData(SeedArticles.RferlVladivostok, "10 September 2018")]
    [InlineData(SeedArticles.SputnikJapanVisit, "16 December 2016, date inferred from the text")]
    [InlineData(SeedArticles.SputnikAntalya, "15 November 2015, date inferred from the text")]
    public void Citations_print_proven_dates_as_they_are_and_inferred_ones_with_the_qualifier(string id, string printed) =>
        Assert.Equal(printed, new CitationFormatter().FormatDate(SeedArticles.Process(id).Metadata.Date));

    [Fact]
    public void Citation_line_has_title_publisher_date_and_link()
    {
        var line = new CitationFormatter().Format(SeedArticles.Process(SeedArticles.MoscowTimes).Metadata);
        Assert.Equal(
            "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds — The Moscow Times, 10 November 2014 — " +
            "https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157",
            line);
    }
}
