using ChatBot.Core.Conversation;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Tests.Fakes;

namespace ChatBot.Telegram.Tests;

public sealed class TelegramHtmlRendererTests
{
    private readonly TelegramHtmlRenderer _renderer = new(new CitationFormatter());

    private static readonly ArticleMetadata Hostile = new(
        "x", "Title </a><b>bold</b> & \"quoted\"", "Pub <i>& Co</i>", "https://example.com/a?x=1&y=\"><script>",
        new PublicationDate(new DateOnly(2015, 1, 21), true, "explicit date"));

    [Fact]
    public void Passage_is_quoted_and_cited_with_title_link_publisher_and_date()
    {
        var html = _renderer.RenderPassage(new CitedPassage(FakeArticles.Abe2014, 0, "Abe urged Putin.", 1));

        Assert.Equal(
            "<blockquote>Abe urged Putin.</blockquote>\n— <a href=\"https://www.themoscowtimes.com/2014/11/10/abe\">"
            + "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds</a>, The Moscow Times, 10 November 2014",
            html);
    }

    [Fact]
    public void Hostile_text_is_escaped_everywhere_including_the_href_attribute()
    {
        var html = _renderer.RenderPassage(new CitedPassage(Hostile, 0, "<b>not bold</b> & </a> \"x\" > y", 1));

        Assert.Contains("<blockquote>&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;/a&gt; &quot;x&quot; &gt; y</blockquote>", html);
        Assert.Contains("href=\"https://example.com/a?x=1&amp;y=&quot;&gt;&lt;script&gt;\"", html);
        Assert.Contains(">Title &lt;/a&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</a>", html);
        Assert.Contains("Pub &lt;i&gt;&amp; Co&lt;/i&gt;, 21 January 2015", html);
        Assert.Null(TelegramHtmlChecker.Check(html).Error);
    }

    [Fact]
    public void Inferred_date_is_cited_with_its_day_and_the_qualifier()
    {
        var article = FakeArticles.Abe2014 with { Date = new PublicationDate(new DateOnly(2016, 12, 16), false, "inferred") };

        var html = _renderer.RenderCitation(article);

        Assert.EndsWith("The Moscow Times, 16 December 2016, date inferred from the text", html);
        Assert.DoesNotContain("uncertain", html);
    }

    [Fact]
    public void Only_an_unknown_date_says_so()
    {
        var article = FakeArticles.Abe2014 with { Date = PublicationDate.Unknown("no date in the text") };

        Assert.EndsWith("The Moscow Times, date unknown", _renderer.RenderCitation(article));
    }

    [Fact]
    public void Non_web_link_is_not_made_a_link()
    {
        var html = _renderer.RenderCitation(FakeArticles.Abe2014 with { Url = "javascript:alert(1)" });

        Assert.DoesNotContain("href", html);
        Assert.Contains("<b>Japan's Abe", html);
    }

    [Fact]
    public void Declined_answer_uses_the_shared_wording_escaped()
    {
        var html = _renderer.Render(new TurnReply(TurnReplyKind.Declined, ConversationTexts.Declined(TelegramSurface.Value), Answer.Declined("what about Mars?")));

        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.Declined(TelegramSurface.Value)), html);
        Assert.Null(TelegramHtmlChecker.Check(html).Error);
    }

    [Fact]
    public void Sources_list_every_article_with_its_date()
    {
        var html = _renderer.RenderSources([FakeArticles.Abe2014, FakeArticles.Vladivostok2018, Hostile]);

        Assert.Contains("1. <a href=\"https://www.themoscowtimes.com/2014/11/10/abe\">", html);
        Assert.Contains("The Moscow Times, 10 November 2014", html);
        Assert.Contains("RFE/RL, 10 September 2018", html);
        Assert.Null(TelegramHtmlChecker.Check(html).Error);
    }

    [Fact]
    public void Overlong_passage_is_shortened_but_keeps_its_citation()
    {
        var passage = new CitedPassage(FakeArticles.Abe2014, 0, string.Join(' ', Enumerable.Repeat("word&", 2000)), 1);

        var html = _renderer.RenderPassage(passage);

        Assert.True(html.Length <= TelegramMessageSplitter.MaxMessageLength, $"length {html.Length}");
        Assert.Contains("…</blockquote>", html);
        Assert.EndsWith("10 November 2014", html);
        Assert.Null(TelegramHtmlChecker.Check(html).Error);
    }

    [Fact]
    public void Closest_passages_come_under_the_honest_line_and_the_answering_sentence_is_bold()
    {
        var passage = new CitedPassage(FakeArticles.Abe2014, 0, "Abe arrived. He urged <Putin> to act.", 1) { Highlight = new TextSpan(13, 24) };
        var reply = new TurnReply(TurnReplyKind.Closest, ConversationTexts.Closest, new Answer("q", AnswerTier.Closest, [passage]));

        var html = _renderer.Render(reply);

        Assert.StartsWith($"<i>{ConversationTexts.Closest}</i>\n\n<blockquote>Abe arrived. <b>He urged &lt;Putin&gt; to act.</b></blockquote>", html);
        Assert.Null(TelegramHtmlChecker.Check(html).Error);
    }

    [Fact]
    public void A_bold_sentence_that_starts_a_paragraph_keeps_its_line_break()
    {
        const string text = "Abe arrived on Thursday.\n\nHe urged Putin to act.";
        var passage = new CitedPassage(FakeArticles.Abe2014, 0, text, 1) { Highlight = new TextSpan(26, 22) };

        var html = _renderer.RenderPassage(passage);

        Assert.StartsWith("<blockquote>Abe arrived on Thursday.\n<b>He urged Putin to act.</b></blockquote>", html);
    }
}
