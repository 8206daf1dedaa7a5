using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Articles;

/// <summary>
/// Establishes the publication date from what the text proves, and nothing more:
/// an explicit date line under the headline, a date in the canonical URL's path, or a dateline whose missing year
/// is pinned down by the text (dates it reports as past and the weekday it names). Page-header clocks and dates in
/// photo captions are never used: they are the scrape time and the photo's date.
/// </summary>
internal sealed partial class PublicationDateResolver
{
    [GeneratedRegex(@"/(?<year>(19|20)\d{2})/(?<month>\d{1,2})/(?<day>\d{1,2})/", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDatePath();

    public PublicationDate Resolve(CleanedScrape scrape)
    {
        var fromUrl = FromUrl(scrape.SourceUrl);
        if (scrape.ExplicitDateLine is { } line)
        {
            var match = ScrapePatterns.DateOnlyLine().Match(line);
            var day = ToDate(match.Groups["year"].Value, match.Groups["month"].Value, match.Groups["day"].Value);
            if (fromUrl is not null && fromUrl != day)
            {
                return new PublicationDate(null, false,
                    $"conflicting dates: date line '{line}' vs canonical URL {Format(fromUrl.Value)}");
            }

            return new PublicationDate(day, true,
                fromUrl is null ? $"explicit date line '{line}'" : $"explicit date line '{line}', matches the canonical URL");
        }

        if (fromUrl is not null)
        {
            return new PublicationDate(fromUrl, true, "date in the canonical URL path");
        }

        return FromDateline(scrape) ?? PublicationDate.Unknown(DescribeAbsence(scrape));
    }

    private static DateOnly? FromUrl(string? url)
    {
        var match = url is null ? Match.Empty : UrlDatePath().Match(url);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    /// <summary>
    /// "MOSCOW, January 21 (Sputnik) — … said Wednesday": the year is the latest year the text mentions or the one
    /// after; a candidate is dropped when the text reports a later full date, and must fall on the named weekday.
    /// Only a single surviving candidate confirmed by the weekday counts as certain; otherwise the earliest surviving
    /// candidate is kept as an uncertain estimate.
    /// </summary>
    private static PublicationDate? FromDateline(CleanedScrape scrape)
    {
        var datelineBlock = scrape.Blocks.FirstOrDefault(b => ScrapePatterns.Dateline().Match(b.Text).Groups["month"].Success);
        if (datelineBlock is null)
        {
            return null;
        }

        var dateline = ScrapePatterns.Dateline().Match(datelineBlock.Text);
        var month = MonthNames.Parse(dateline.Groups["month"].Value);
        var dayOfMonth = int.Parse(dateline.Groups["day"].Value, CultureInfo.InvariantCulture);
        var said = $"dateline '{dateline.Groups["month"].Value} {dayOfMonth}' has no year";

        var body = string.Join("\n", scrape.Blocks.Select(b => b.Text));
        var years = ScrapePatterns.Year().Matches(body).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        if (years.Count == 0)
        {
            return PublicationDate.Unknown($"{said} and the text mentions no year");
        }

        var reportedDates = ScrapePatterns.FullDateInText().Matches(body)
            .Select(m => ToDate(m.Groups["year"].Value, m.Groups["month"].Value, m.Groups["day"].Value))
            .ToList();
        var weekdays = ScrapePatterns.Weekday().Matches(datelineBlock.Text)
            .Select(m => Enum.Parse<DayOfWeek>(m.Value))
            .Distinct()
            .ToList();

        var latestYear = years.Max();
        var candidates = new[] { latestYear, latestYear + 1 }
            .Where(y => dayOfMonth <= DateTime.DaysInMonth(y, month))
            .Select(y => new DateOnly(y, month, dayOfMonth))
            .Where(d => reportedDates.All(reported => reported <= d))
            .Where(d => weekdays.Count == 0 || weekdays.Contains(d.DayOfWeek))
            .ToList();

        if (candidates.Count == 0 || (candidates.Count > 1 && weekdays.Count > 0))
        {
            return PublicationDate.Unknown($"{said} and the text does not pin one down");
        }

        // Several candidates without a weekday: the latest year the text mentions is the likeliest, but unproven.
        var date = candidates[0];
        var evidence = new List<string> { $"latest year mentioned {latestYear}" };
        if (reportedDates.Count > 0)
        {
            evidence.Add($"reports {Format(reportedDates.Max())} as past");
        }

        if (weekdays.Count > 0)
        {
            evidence.Add($"names {date.DayOfWeek}, which {Format(date)} was");
        }

        return new PublicationDate(date, weekdays.Count > 0 && candidates.Count == 1,
            $"inferred from content: {said}; {string.Join("; ", evidence)}");
    }

    private static string DescribeAbsence(CleanedScrape scrape) =>
        scrape.PageTimestamps.Count > 0
            ? $"no publication date in the text (page timestamp '{scrape.PageTimestamps[0]}' is the scrape time, not a publication date)"
            : "no publication date in the text";

    private static DateOnly ToDate(string year, string month, string day) =>
        new(int.Parse(year, CultureInfo.InvariantCulture), MonthNames.Parse(month), int.Parse(day, CultureInfo.InvariantCulture));

    private static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
