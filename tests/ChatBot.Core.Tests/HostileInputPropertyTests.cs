using System.Text;
using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests;

/// <summary>
/// Bounded property tests: random bytes, corrupted seed pages and huge lines through the decoder, cleaner, metadata
/// extractor, splitter and sidecar parser. Whatever comes in, the result is text or one clear InvalidDataException —
/// never another exception, never a hang. Seeded, so a failure reproduces.
/// </summary>
public sealed class HostileInputPropertyTests
{
    private const int Cases = 150;

    [Fact]
    public void Random_bytes_decode_to_text_or_a_clear_refusal()
    {
        var random = new Random(20261130);
        for (var i = 0; i < Cases; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            try
            {
                var text = ArticleTextDecoder.Decode(bytes);
                Assert.DoesNotContain('\uFFFD', text);
            }
            catch (InvalidDataException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
        }
    }

    [Fact]
    public void Corrupted_seed_pages_and_random_text_go_through_the_whole_pipeline_or_are_refused_clearly()
    {
        var random = new Random(7);
        var processor = SeedArticles.Processor();
        for (var i = 0; i < Cases; i++)
        {
            var raw = SeedArticles.Raw(SeedArticles.All[i % SeedArticles.All.Length]).ToCharArray();
            for (var flips = random.Next(1, 200); flips > 0; flips--)
            {
                raw[random.Next(raw.Length)] = (char)random.Next(0, 0x3000);
            }

            var article = processor.Process(new ArticleSource($"fuzz{i}", new string(raw), null, $"fuzz{i}.txt"));
            Assert.NotNull(article.Metadata.Title);
            Assert.All(article.Passages, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
        }
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(5_000_000)]
    public void A_huge_line_is_split_into_bounded_passages(int length)
    {
        var words = string.Join(' ', Enumerable.Repeat("Moscow denies sending troops and arms to the area.", length / 50));
        var raw = "Huge Line Article\n\n" + words + "\n";

        var article = SeedArticles.Processor().Process(new ArticleSource("huge", raw, null, "huge.txt"));

        Assert.NotEmpty(article.Passages);
        Assert.All(article.Passages, p => Assert.True(p.Text.Length <= 2_000, $"passage of {p.Text.Length} characters"));
    }

    [Fact]
    public void Random_sidecars_parse_or_fail_with_a_message_naming_the_problem()
    {
        var random = new Random(11);
        var parser = new ArticleSidecarParser(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)));
        string[] pieces = ["{", "}", "\"published\"", "\"date_basis\"", "\"title\"", ":", ",", "\"2018-09-10\"", "\"16/12/2016\"", "true", "null", "[", "]", "1e999", "\"\\u0000\"", " "];
        for (var i = 0; i < Cases * 4; i++)
        {
            var json = new StringBuilder();
            for (var n = random.Next(0, 30); n > 0; n--)
            {
                json.Append(pieces[random.Next(pieces.Length)]);
            }

            try
            {
                parser.Parse(json.ToString());
            }
            catch (InvalidDataException ex)
            {
                Assert.StartsWith("sidecar", ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("System.", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_sidecar_date_in_the_future_is_refused_and_today_is_accepted()
    {
        var parser = new ArticleSidecarParser(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 11, 30), parser.Parse("""{"published": "2026-11-30", "date_basis": "x"}""").Published);
        var error = Assert.Throws<InvalidDataException>(() => parser.Parse("""{"published": "2027-01-01", "date_basis": "x"}"""));
        Assert.Contains("in the future", error.Message, StringComparison.Ordinal);
    }
}
