using ChatBot.Core.Conversation;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Discord.Bot;
using ChatBot.Discord.Models;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Tests;

public sealed class AnswerMessageBuilderTests
{
    private readonly AnswerMessageBuilder _builder = new(new CitationFormatter());

    private static ArticleMetadata Article(string title, string? publisher = "Publisher", string? url = "https://example.com/a", bool certain = true) =>
        new("id", title, publisher, url, new PublicationDate(new DateOnly(2015, 1, 21), certain, "test"));

    private static int TotalLength(DiscordEmbed e) =>
        (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0) + (e.Footer?.Text.Length ?? 0) + (e.Author?.Name.Length ?? 0)
        + (e.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    private static void AssertWithinLimits(DiscordMessagePayload message)
    {
        var embeds = message.Embeds!;
        Assert.InRange(embeds.Count, 1, 10);
        foreach (var embed in embeds)
        {
            Assert.InRange(embed.Title?.Length ?? 0, 0, 256);
            Assert.InRange(embed.Description?.Length ?? 0, 0, 4096);
            Assert.InRange(embed.Fields?.Count ?? 0, 0, 25);
            Assert.All(embed.Fields ?? [], f =>
            {
                Assert.InRange(f.Name.Length, 1, 256);
                Assert.InRange(f.Value.Length, 1, 1024);
            });
            Assert.InRange(embed.Footer?.Text.Length ?? 0, 0, 2048);
        }

        Assert.InRange(embeds.Sum(TotalLength), 1, 6000);
    }

    [Fact]
    public void Long_passages_and_titles_stay_within_every_embed_limit()
    {
        var longText = string.Join(' ', Enumerable.Repeat("The cease-fire in eastern Ukraine remained shaky.", 400)); // ~20k chars
        var hugeTitle = new string('T', 1000);
        var passages = Enumerable.Range(0, 3)
            .Select(i => new CitedPassage(Article(hugeTitle + i, new string('P', 600), "https://example.com/" + new string('u', 900)), i, longText, 1))
            .ToList();

        var message = _builder.Build(new Answer("q", true, passages));

        AssertWithinLimits(message);
        Assert.Equal(3, message.Embeds!.Count);
        Assert.All(message.Embeds, e =>
        {
            Assert.StartsWith("“The cease-fire", e.Description, StringComparison.Ordinal);
            Assert.EndsWith("…”", e.Description, StringComparison.Ordinal);
            Assert.EndsWith("…", e.Title, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_single_long_passage_fills_the_description_limit()
    {
        var text = new string('a', 9000);
        var message = _builder.Build(new Answer("q", true, [new CitedPassage(Article("Title"), 0, text, 1)]));

        AssertWithinLimits(message);
        Assert.Equal(4096, message.Embeds![0].Description!.Length);
    }

    [Fact]
    public void Ten_long_passages_share_the_6000_character_budget()
    {
        var passages = Enumerable.Range(0, 10).Select(i => new CitedPassage(Article("Title " + i), i, new string('x', 3000) + " end", 1)).ToList();

        var message = _builder.Build(new Answer("q", true, passages));

        AssertWithinLimits(message);
        Assert.Equal(10, message.Embeds!.Count);
    }

    [Fact]
    public void Short_passages_are_quoted_whole_and_markdown_is_escaped()
    {
        var message = _builder.Build(new Answer("q", true, [new CitedPassage(Article("T"), 0, "Abe said *very* _firmly_", 1)]));

        Assert.Equal(@"“Abe said \*very\* \_firmly\_”", message.Embeds![0].Description);
    }

    [Fact]
    public void Citation_has_title_publisher_date_and_link_with_the_date_in_footer_and_no_timestamp()
    {
        var message = _builder.Build(new Answer("q", true, [new CitedPassage(Article("Mutual Visits Suspended", "Sputnik"), 0, "text", 1)]));

        var embed = message.Embeds![0];
        Assert.Equal("Mutual Visits Suspended", embed.Title);
        Assert.Equal("https://example.com/a", embed.Url);
        Assert.Equal("Mutual Visits Suspended — Sputnik, 21 January 2015 — https://example.com/a", embed.Fields![0].Value);
        Assert.Equal("Article date: 21 January 2015", embed.Footer!.Text);
        // A timestamp would be shown in the reader's zone: midnight UTC reads as 20 January west of UTC.
        Assert.Null(embed.Timestamp);
    }

    [Fact]
    public void Inferred_date_is_cited_with_its_day_and_the_qualifier()
    {
        var message = _builder.Build(new Answer("q", true, [new CitedPassage(Article("T", certain: false), 0, "text", 1)]));

        var embed = message.Embeds![0];
        Assert.Equal("Article date: 21 January 2015, date inferred from the text", embed.Footer!.Text);
        Assert.Null(embed.Timestamp);
        Assert.Contains("21 January 2015, date inferred from the text", embed.Fields![0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Declined_answer_is_plain_text_that_pings_nobody()
    {
        var reply = new DiscordMessageReference("42");
        var message = _builder.Build(Answer.Declined("q"), reply);

        Assert.Equal(ConversationTexts.Declined(DiscordSurface.Value), message.Content);
        Assert.Null(message.Embeds);
        Assert.Same(reply, message.MessageReference);
        Assert.Empty(message.AllowedMentions.Parse);
    }

    [Fact]
    public void Non_web_links_are_not_used_as_embed_urls()
    {
        var message = _builder.Build(new Answer("q", true, [new CitedPassage(Article("T", url: "javascript:alert(1)"), 0, "text", 1)]));

        Assert.Null(message.Embeds![0].Url);
    }

    [Fact]
    public void Closest_passages_say_so_in_the_message_and_on_every_embed_and_are_never_marked_as_the_answer()
    {
        var passages = new[] { new CitedPassage(Article("A"), 0, "First.", 1), new CitedPassage(Article("B"), 1, "Second.", 0.5) };

        var closest = _builder.Render(new TurnReply(TurnReplyKind.Closest, ConversationTexts.Closest, new Answer("q", AnswerTier.Closest, passages)));
        var answered = _builder.Render(new TurnReply(TurnReplyKind.Answered, string.Empty, new Answer("q", AnswerTier.Answered, passages[..1])));

        Assert.Equal(ConversationTexts.Closest, closest.Content);
        Assert.All(closest.Embeds!, e =>
        {
            Assert.Equal(AnswerMessageBuilder.ClosestColor, e.Color);
            Assert.Equal(AnswerMessageBuilder.ClosestLabel, e.Author!.Name);
        });
        Assert.Null(answered.Content);
        Assert.Equal(AnswerMessageBuilder.AnsweredColor, Assert.Single(answered.Embeds!).Color);
        Assert.Equal(AnswerMessageBuilder.AnsweredLabel, answered.Embeds![0].Author!.Name);
    }

    [Fact]
    public void The_answering_sentence_is_bold_and_the_rest_of_the_quote_stays_escaped()
    {
        const string text = "Talks began *today*. They met in Nagato. Both spoke.";
        var passage = new CitedPassage(Article("A"), 0, text, 1) { Highlight = new TextSpan(21, 19) };

        var embed = Assert.Single(_builder.Build(new Answer("q", AnswerTier.Answered, [passage])).Embeds!);

        Assert.Equal("“Talks began \\*today\\*. **They met in Nagato.** Both spoke.”", embed.Description);
    }

    [Fact]
    public void A_quote_cut_to_fit_loses_its_bold_rather_than_leave_a_marker_open()
    {
        var text = "Short first sentence. " + new string('x', 5000) + ".";
        var passage = new CitedPassage(Article("A"), 0, text, 1) { Highlight = new TextSpan(22, text.Length - 22) };

        var embed = Assert.Single(_builder.Build(new Answer("q", AnswerTier.Answered, [passage])).Embeds!);

        Assert.DoesNotContain("**", embed.Description);
        Assert.InRange(embed.Description!.Length, 1, 4096);
    }
}
