namespace ChatBot.Core.Articles;

/// <summary>Month names and abbreviations as they appear in English news text.</summary>
internal static class MonthNames
{
    /// <summary>1–12 for "January", "Jan.", "Sept" …; throws on anything else (callers only pass regex matches).</summary>
    public static int Parse(string month)
    {
        var key = month.TrimEnd('.').ToLowerInvariant();
        return key[..3] switch
        {
            "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
            "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12,
            _ => throw new FormatException($"Not a month: {month}"),
        };
    }
}
