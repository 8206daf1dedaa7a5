using ChatBot.Core.Articles;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Passages;

/// <summary>
/// Splits a cleaned body into passages. Sub-headings are not passages (a heading alone answers nothing) but they
/// do separate sections: a short paragraph is merged within its section only.
/// </summary>
public sealed class PassageSplitter(IOptions<PassageOptions> options)
{
    private readonly PassageOptions _options = options.Value;

    public IReadOnlyList<Passage> Split(string articleId, ArticleBody body)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var section in Sections(body))
        {
            foreach (var span in MergeShort(section))
            {
                spans.AddRange(SplitLong(body.Text, span));
            }
        }

        return spans
            .Select((span, ordinal) => new Passage(articleId, ordinal, span.Start, span.End - span.Start,
                body.Text[span.Start..span.End]))
            .ToList();
    }

    private static IEnumerable<List<(int Start, int End)>> Sections(ArticleBody body)
    {
        var section = new List<(int, int)>();
        foreach (var (block, start) in body.Blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                if (section.Count > 0)
                {
                    yield return section;
                }

                section = [];
                continue;
            }

            section.Add((start, start + block.Text.Length));
        }

        if (section.Count > 0)
        {
            yield return section;
        }
    }

    /// <summary>A short paragraph joins the previous one in its section, or the next one when it comes first.</summary>
    private List<(int Start, int End)> MergeShort(List<(int Start, int End)> paragraphs)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var paragraph in paragraphs)
        {
            var isShort = paragraph.End - paragraph.Start < _options.MinLength;
            if (merged.Count > 0 && (isShort || merged[^1].End - merged[^1].Start < _options.MinLength))
            {
                merged[^1] = (merged[^1].Start, paragraph.End);
            }
            else
            {
                merged.Add(paragraph);
            }
        }

        return merged;
    }

    /// <summary>Packs whole sentences greedily into pieces no longer than the maximum (a single longer sentence stays whole).</summary>
    private IEnumerable<(int Start, int End)> SplitLong(string text, (int Start, int End) span)
    {
        if (span.End - span.Start <= _options.MaxLength)
        {
            yield return span;
            yield break;
        }

        var sentenceStarts = ScrapePatterns.SentenceBoundary()
            .Matches(text[span.Start..span.End])
            .Select(m => span.Start + m.Index + m.Length)
            .Append(span.End)
            .ToList();

        var pieceStart = span.Start;
        var lastEnd = span.Start;
        foreach (var boundary in sentenceStarts)
        {
            var sentenceEnd = boundary == span.End ? span.End : TrimEndIndex(text, pieceStart, boundary);
            if (sentenceEnd - pieceStart > _options.MaxLength && lastEnd > pieceStart)
            {
                yield return (pieceStart, lastEnd);
                pieceStart = SkipWhitespace(text, lastEnd);
            }

            lastEnd = sentenceEnd;
        }

        if (lastEnd > pieceStart)
        {
            yield return (pieceStart, lastEnd);
        }
    }

    private static int TrimEndIndex(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }
}
