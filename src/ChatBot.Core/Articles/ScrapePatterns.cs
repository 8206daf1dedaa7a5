using System.Text.RegularExpressions;

namespace ChatBot.Core.Articles;

/// <summary>
/// The regular expressions that recognise page furniture in news scrapes. Kept together so that adding a new
/// site's widget text is a one-line change, and compiled once per process by the source generator.
/// </summary>
internal static partial class ScrapePatterns
{
    public const string Months =
        "January|February|March|April|May|June|July|August|September|October|November|December|" +
        "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";

    /// <summary>Widget, navigation and comment-box lines seen on news sites.</summary>
    [GeneratedRegex(
        @"^(listen live|get short url|subscribe|accessibility links|breaking news|newsfeed|loader|chats|" +
        @"to participate in the discussion|log in or register|community standards.*|comment via.*|" +
        @"share|tweet|print|e-?mail|read more|related|most read|advertisement)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Widget();

    /// <summary>Newsletter and channel pitches ("sign up to our Telegram channel …").</summary>
    [GeneratedRegex(@"\b(sign up (to|for) our|never miss a story|subscribe to our|follow us on)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NewsletterPitch();

    /// <summary>A page header clock such as "14:15 GMT +321 September 2019": the scrape time, not a publication date.</summary>
    [GeneratedRegex(@"^\d{1,2}:\d{2}\s*(GMT|UTC)", RegexOptions.CultureInvariant)]
    public static partial Regex PageTimestamp();

    /// <summary>A line that is only a date, e.g. "November 10, 2014".</summary>
    [GeneratedRegex(@"^(?<month>" + Months + @")\s+(?<day>\d{1,2}),\s+(?<year>\d{4})$", RegexOptions.CultureInvariant)]
    public static partial Regex DateOnlyLine();

    /// <summary>A line ending in a full date, optionally followed by a credit: typical of photo captions.</summary>
    [GeneratedRegex(@"(" + Months + @")\s+\d{1,2},\s+\d{4}\.?(\s+-\s+[^.]+)?$", RegexOptions.CultureInvariant)]
    public static partial Regex EndsWithFullDate();

    /// <summary>Position markers of people in a photo: "(R)", "(left)", ", right,".</summary>
    [GeneratedRegex(@"\((R|L|C|left|right|center|centre)\)|,\s(left|right|center|centre),\s",
        RegexOptions.CultureInvariant)]
    public static partial Regex PhotoPosition();

    /// <summary>Photo and reporting credits.</summary>
    [GeneratedRegex(@"^(©|\(c\)\s|photo:|with reporting by\b|reporting by\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Credit();

    /// <summary>"Original url:" marker, with the link on the same or a following line.</summary>
    [GeneratedRegex(@"^original url:?\s*<?(?<url>https?://[^\s>]+)?>?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex OriginalUrl();

    [GeneratedRegex(@"^<?(?<url>https?://[^\s>]+)>?$", RegexOptions.CultureInvariant)]
    public static partial Regex BareUrl();

    /// <summary>Topic tags with a story count, e.g. "Western Sanctions Against Russia (737)".</summary>
    [GeneratedRegex(@"^[^.!?]{3,80}\(\d+\)$", RegexOptions.CultureInvariant)]
    public static partial Regex TopicWithCount();

    [GeneratedRegex(@"^[\d\s.,]+$", RegexOptions.CultureInvariant)]
    public static partial Regex NumbersOnly();

    /// <summary>
    /// A wire-style dateline opening a paragraph: "BEIJING —", "MOSCOW, January 21 (Sputnik) —", "ANTALYA (Sputnik) —".
    /// </summary>
    [GeneratedRegex(
        @"^(?<city>[A-Z][A-Z .'\-]{2,})(,\s+(?<month>" + Months + @")\s+(?<day>\d{1,2}))?\s*(\((?<agency>[^)]+)\))?\s+[—–-]{1,2}\s",
        RegexOptions.CultureInvariant)]
    public static partial Regex Dateline();

    /// <summary>A full date inside running text: "December 31, 2014".</summary>
    [GeneratedRegex(@"\b(?<month>" + Months + @")\s+(?<day>\d{1,2}),\s+(?<year>(19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    public static partial Regex FullDateInText();

    [GeneratedRegex(@"\b(19|20)\d{2}\b", RegexOptions.CultureInvariant)]
    public static partial Regex Year();

    [GeneratedRegex(@"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", RegexOptions.CultureInvariant)]
    public static partial Regex Weekday();

    /// <summary>Sentence ends: after . ! ? (optionally closing quotes/brackets) followed by space and a capital or quote.</summary>
    [GeneratedRegex(@"(?<=[.!?…][""”’)\]]?)\s+(?=[""“‘(\[]?[A-Z0-9])", RegexOptions.CultureInvariant)]
    public static partial Regex SentenceBoundary();
}
