using ChatBot.Core.Articles;
using ChatBot.Core.Passages;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

public sealed class PassageSplitterTests
{
    [Fact]
    public void Every_passage_span_points_at_its_text_in_the_body()
    {
        foreach (var id in SeedArticles.All)
        {
            var article = SeedArticles.Process(id);
            Assert.NotEmpty(article.Passages);
            for (var i = 0; i < article.Passages.Count; i++)
            {
                var passage = article.Passages[i];
                Assert.Equal(i, passage.Ordinal);
                Assert.Equal(id, passage.ArticleId);
                Assert.Equal(passage.Text, article.Body.Substring(passage.Start, passage.Length));
            }
        }
    }

    [Fact]
    public void Very_short_paragraphs_are_merged_with_a_neighbour()
    {
        var article = SeedArticles.Process(SeedArticles.MoscowTimes);
        Assert.DoesNotContain(article.Passages, p => p.Text == "Moscow denies sending troops and arms to the area.");
        Assert.Contains(article.Passages, p => p.Text.Contains("Moscow denies sending troops", StringComparison.Ordinal) && p.Length > 120);
    }

    [Fact]
    public void Long_paragraphs_are_split_at_sentence_boundaries()
    {
        var sentence = "The delegation discussed trade, energy and the long-running dispute over the islands in great detail. ";
        var body = ArticleBody.From([new BodyBlock(BlockKind.Paragraph, string.Concat(Enumerable.Repeat(sentence, 20)).TrimEnd())]);
        var splitter = new PassageSplitter(Options.Create(new PassageOptions { MaxLength = 400 }));

        var passages = splitter.Split("x", body);

        Assert.True(passages.Count >= 5);
        Assert.All(passages, p =>
        {
            Assert.True(p.Length <= 400, $"passage of {p.Length} chars");
            Assert.StartsWith("The delegation", p.Text, StringComparison.Ordinal);
            Assert.EndsWith("detail.", p.Text, StringComparison.Ordinal);
            Assert.Equal(p.Text, body.Text.Substring(p.Start, p.Length));
        });
    }

    [Fact]
    public void Headings_are_not_passages_and_do_not_merge_across_sections()
    {
        var body = ArticleBody.From(
        [
            new BodyBlock(BlockKind.Paragraph, "A first paragraph that is long enough to stand on its own as a passage in the article body, clearly."),
            new BodyBlock(BlockKind.Heading, "Section Two"),
            new BodyBlock(BlockKind.Paragraph, "Short one."),
        ]);
        var passages = new PassageSplitter(Options.Create(new PassageOptions { MinLength = 50 })).Split("x", body);
        Assert.Equal(2, passages.Count);
        Assert.Equal("Short one.", passages[1].Text);
        Assert.DoesNotContain(passages, p => p.Text.Contains("Section Two", StringComparison.Ordinal));
    }
}
