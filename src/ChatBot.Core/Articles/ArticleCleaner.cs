namespace ChatBot.Core.Articles;

/// <summary>
/// Turns a raw page scrape into article content. Works in two passes: every line is classified on its own
/// (<see cref="LineClassifier"/>), then page structure decides the rest — the title is the headline before the
/// body starts, photo captions sit before the body, runs of headlines are "related stories", and a lone headline
/// between paragraphs is a sub-heading.
/// </summary>
public sealed class ArticleCleaner
{
    /// <summary>Body paragraphs are long; the first long line (or the dateline) marks where the body starts.</summary>
    private const int BodyStartMinLength = 150;

    private readonly LineClassifier _classifier = new();

    public CleanedScrape Clean(string rawText)
    {
        var lines = ClassifyLines(rawText);
        var sourceUrl = FindSourceUrl(lines);
        var bodyStart = FindBodyStart(lines);
        MarkFrontMatterCaptions(lines, bodyStart);

        var titleIndex = lines.FindIndex(0, bodyStart, l => l.Kind == LineKind.HeadlineLike);
        var title = titleIndex >= 0 ? lines[titleIndex].Text : null;

        var blocks = BuildBlocks(lines, bodyStart);
        return new CleanedScrape(
            title,
            blocks,
            sourceUrl,
            lines.Take(bodyStart).FirstOrDefault(l => l.Kind == LineKind.ExplicitDate)?.Text,
            lines.Where(l => l.Kind == LineKind.PageTimestamp).Select(l => l.Text).ToList(),
            lines.Where(l => l.Kind is LineKind.Credit or LineKind.Caption).Select(l => l.Text).ToList());
    }

    private List<ScrapedLine> ClassifyLines(string rawText)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<ScrapedLine>();
        foreach (var raw in rawText.ReplaceLineEndings("\n").Split('\n'))
        {
            var text = raw.Trim().Replace('\u00A0', ' ');
            var kind = _classifier.Classify(text);

            // Scrapes often repeat a caption (alt text and figcaption); a repeated line is never new content.
            if (kind != LineKind.Blank && !seen.Add(text))
            {
                kind = LineKind.Caption;
            }

            lines.Add(new ScrapedLine(text, kind));
        }

        return lines;
    }

    private static string? FindSourceUrl(List<ScrapedLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var marker = ScrapePatterns.OriginalUrl().Match(lines[i].Text);
            if (!marker.Success)
            {
                continue;
            }

            if (marker.Groups["url"].Success)
            {
                return marker.Groups["url"].Value;
            }

            var next = lines.Skip(i + 1).FirstOrDefault(l => l.Kind != LineKind.Blank);
            var url = next is null ? null : ScrapePatterns.BareUrl().Match(next.Text);
            return url is { Success: true } ? url.Groups["url"].Value : null;
        }

        return null;
    }

    private static int FindBodyStart(List<ScrapedLine> lines)
    {
        var index = lines.FindIndex(l =>
            l.Kind == LineKind.Text &&
            (ScrapePatterns.Dateline().IsMatch(l.Text) ||
             (l.Text.Length >= BodyStartMinLength && !ScrapePatterns.EndsWithFullDate().IsMatch(l.Text))));
        return index < 0 ? lines.Count : index;
    }

    /// <summary>Before the body, a text line ending in a full date ("… Northern Ireland, June 17, 2013") is a caption.</summary>
    private static void MarkFrontMatterCaptions(List<ScrapedLine> lines, int bodyStart)
    {
        for (var i = 0; i < bodyStart; i++)
        {
            if (lines[i].Kind == LineKind.Text && ScrapePatterns.EndsWithFullDate().IsMatch(lines[i].Text))
            {
                lines[i] = lines[i] with { Kind = LineKind.Caption };
            }
        }
    }

    private static List<BodyBlock> BuildBlocks(List<ScrapedLine> lines, int bodyStart)
    {
        var blocks = new List<BodyBlock>();
        var headlineRun = new List<string>();

        void FlushHeadlines()
        {
            // One headline between paragraphs is a sub-heading; two or more in a row are a "related stories" list.
            if (headlineRun.Count == 1)
            {
                blocks.Add(new BodyBlock(BlockKind.Heading, headlineRun[0]));
            }

            headlineRun.Clear();
        }

        for (var i = bodyStart; i < lines.Count; i++)
        {
            var line = lines[i];
            switch (line.Kind)
            {
                case LineKind.HeadlineLike:
                    headlineRun.Add(line.Text);
                    break;
                case LineKind.Text:
                    FlushHeadlines();
                    AppendParagraph(blocks, line.Text);
                    break;
                case LineKind.Blank:
                    break;
                default:
                    // Widgets, captions, tags … end a headline run: what follows them is not the same list.
                    if (headlineRun.Count > 1)
                    {
                        headlineRun.Clear();
                    }

                    break;
            }
        }

        // Headings after the last paragraph introduce nothing: they are trailing page furniture.
        while (blocks.Count > 0 && blocks[^1].Kind == BlockKind.Heading)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }

        return blocks;
    }

    /// <summary>Re-joins a paragraph that the scrape broke mid-sentence ("into the country's" / "east to support …").</summary>
    private static void AppendParagraph(List<BodyBlock> blocks, string text)
    {
        if (blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Paragraph } previous &&
            char.IsLower(text[0]) && !EndsSentence(previous.Text))
        {
            blocks[^1] = previous with { Text = previous.Text + " " + text };
            return;
        }

        blocks.Add(new BodyBlock(BlockKind.Paragraph, text));
    }

    private static bool EndsSentence(string text) => text[^1] is '.' or '!' or '?' or '"' or '”' or '…' or ')';
}
