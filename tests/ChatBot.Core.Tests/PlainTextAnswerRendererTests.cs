using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Conversation;

namespace ChatBot.Core.Tests;

public sealed class PlainTextAnswerRendererTests
{
    private readonly PlainTextAnswerRenderer _renderer = new(new CitationFormatter());

    [Fact]
    public void Quotes_each_passage_and_follows_it_with_its_citation()
    {
        var article = new ArticleMetadata("a", "Headline", "The Paper", "https://x.example/a", new PublicationDate(new DateOnly(2014, 11, 10), true, "explicit"));
        var text = _renderer.Render(new Answer("q", true, [new CitedPassage(article, 0, "Something happened.", 1)]));
        Assert.Equal("“Something happened.”\n  — Headline — The Paper, 10 November 2014 — https://x.example/a", text);
    }

    [Fact]
    public void An_inferred_date_is_printed_with_its_qualifier()
    {
        var article = new ArticleMetadata("a", "Headline", "The Paper", null, new PublicationDate(new DateOnly(2015, 11, 15), false, "estimate"));
        var text = _renderer.Render(new Answer("q", true, [new CitedPassage(article, 0, "Text.", 1)]));
        Assert.Contains("The Paper, 15 November 2015, date inferred from the text", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_unknown_date_says_so()
    {
        var article = new ArticleMetadata("a", "Headline", "The Paper", null, PublicationDate.Unknown("nothing in the text"));
        var text = _renderer.Render(new Answer("q", true, [new CitedPassage(article, 0, "Text.", 1)]));
        Assert.Contains("The Paper, date unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declined_answer_says_the_articles_do_not_cover_it() =>
        Assert.Equal(ConversationTexts.Declined(PlainTextAnswerRenderer.CommandLine), _renderer.Render(Answer.Declined("q")));
}
