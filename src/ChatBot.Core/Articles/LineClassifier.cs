namespace ChatBot.Core.Articles;

/// <summary>
/// Classifies single lines of a scrape without context. Context-dependent decisions (which headline is the title,
/// which headline runs are "related stories") are made by <see cref="ArticleCleaner"/>.
/// </summary>
internal sealed class LineClassifier
{
    private static readonly HashSet<string> SmallWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "with", "over", "by", "from", "as",
        "vs", "vs.", "into", "after", "before", "about", "is", "be", "via", "than", "but", "nor", "up", "out",
    };

    public LineKind Classify(string line)
    {
        if (line.Length == 0)
        {
            return LineKind.Blank;
        }

        if (ScrapePatterns.OriginalUrl().IsMatch(line) || ScrapePatterns.BareUrl().IsMatch(line))
        {
            return LineKind.SourceUrl;
        }

        if (ScrapePatterns.PageTimestamp().IsMatch(line))
        {
            return LineKind.PageTimestamp;
        }

        if (ScrapePatterns.DateOnlyLine().IsMatch(line))
        {
            return LineKind.ExplicitDate;
        }

        if (ScrapePatterns.Widget().IsMatch(line) || ScrapePatterns.NewsletterPitch().IsMatch(line))
        {
            return LineKind.Boilerplate;
        }

        if (ScrapePatterns.NumbersOnly().IsMatch(line))
        {
            return LineKind.Numeric;
        }

        if (IsMostlyNonLatin(line))
        {
            return LineKind.ForeignLanguage;
        }

        if (ScrapePatterns.Credit().IsMatch(line))
        {
            return LineKind.Credit;
        }

        if (ScrapePatterns.PhotoPosition().IsMatch(line))
        {
            return LineKind.Caption;
        }

        if (ScrapePatterns.TopicWithCount().IsMatch(line) || IsTagList(line))
        {
            return LineKind.TagList;
        }

        return IsHeadlineLike(line) ? LineKind.HeadlineLike : LineKind.Text;
    }

    /// <summary>
    /// Headlines are short, mostly Title Case and lack a sentence ending (a short question is allowed:
    /// "Is Peace Treaty Possible?").
    /// </summary>
    public bool IsHeadlineLike(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Length > 20)
        {
            return false;
        }

        var last = line[^1];
        if (last is '.' or '!' or ':' or ';' or ',' or '"' or '”' || (last == '?' && words.Length > 8))
        {
            return false;
        }

        var considered = 0;
        var capitalised = 0;
        foreach (var word in words)
        {
            var core = word.Trim('\'', '"', '‘', '’', '“', '”', '(', ')', ',', '-', '—', '–');
            if (core.Length == 0 || !core.Any(char.IsLetterOrDigit) || SmallWords.Contains(core))
            {
                continue;
            }

            considered++;
            if (char.IsUpper(core[0]) || char.IsDigit(core[0]) || core[0] == '$')
            {
                capitalised++;
            }
        }

        return considered > 0 && capitalised >= 0.8 * considered;
    }

    /// <summary>"Vladimir Putin, Shinzo Abe, Russia, Japan": three or more short capitalised items, no sentence.</summary>
    private static bool IsTagList(string line)
    {
        var items = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length < 3 || line.EndsWith('.'))
        {
            return false;
        }

        return items.All(item =>
        {
            var words = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length <= 4 && words.All(w => char.IsUpper(w[0]));
        });
    }

    /// <summary>UI strings left in another script (e.g. a Cyrillic "open material" label) on an English page.</summary>
    private static bool IsMostlyNonLatin(string line)
    {
        var letters = 0;
        var latin = 0;
        foreach (var c in line)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            if (c < '\u0250')
            {
                latin++;
            }
        }

        return letters > 0 && latin < letters / 2;
    }
}
