using System.Globalization;
using ChatBot.Core.Answers;
using ChatBot.Discord.Models;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Bot;

/// <summary>
/// Turns an <see cref="Answer"/> into a Discord message: one embed per cited passage (the quote as the
/// description, the source as a field, the article date in the footer), always within Discord's embed limits.
/// A declined question becomes plain text. Nothing in the message can ping anyone but the asker.
/// </summary>
public sealed class AnswerMessageBuilder(CitationFormatter citations)
{
    internal const string SourceFieldName = "Source";

    public DiscordMessagePayload Build(Answer answer, DiscordMessageReference? replyTo = null)
    {
        if (!answer.Answered || answer.Passages.Count == 0)
        {
            return PlainText(AnswerTexts.Declined, replyTo);
        }

        var parts = answer.Passages.Take(EmbedLimits.EmbedsPerMessage).Select(FixedParts).ToList();

        // Keep room for at least a short quote in every embed; drop the weakest passages if titles alone are huge.
        const int MinimumQuote = 200;
        while (parts.Count > 1 && parts.Sum(p => p.FixedLength) + (MinimumQuote * parts.Count) > EmbedLimits.TotalPerMessage)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        var budget = EmbedLimits.TotalPerMessage - parts.Sum(p => p.FixedLength);
        var descriptions = ShareDescriptionBudget(parts.Select(p => p.Quote).ToList(), budget);

        var embeds = parts.Select((p, i) => p.Embed with { Description = descriptions[i] }).ToList();
        return new DiscordMessagePayload(null, embeds, DiscordAllowedMentions.OnlyRepliedUser, replyTo);
    }

    /// <summary>A plain message (declines, rate-limit notices), cut to the 2000-character content limit.</summary>
    public DiscordMessagePayload PlainText(string text, DiscordMessageReference? replyTo = null) =>
        new(DiscordText.Truncate(text, EmbedLimits.Content), null, DiscordAllowedMentions.OnlyRepliedUser, replyTo);

    private EmbedParts FixedParts(CitedPassage passage)
    {
        var article = passage.Article;
        var date = citations.FormatDate(article.Date);
        var title = DiscordText.Truncate(article.Title, EmbedLimits.Title);
        var source = DiscordText.Truncate(citations.Format(article), EmbedLimits.FieldValue);
        var footer = DiscordText.Truncate($"Article date: {date}", EmbedLimits.Footer);
        var embed = new DiscordEmbed(
            Title: title,
            Url: IsWebLink(article.Url) ? article.Url : null,
            Timestamp: article.Date.CitableValue?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Fields: [new DiscordEmbedField(SourceFieldName, source)],
            Footer: new DiscordEmbedFooter(footer));
        var fixedLength = title.Length + SourceFieldName.Length + source.Length + footer.Length;
        return new EmbedParts(embed, fixedLength, DiscordText.EscapeMarkdown(passage.Text));
    }

    /// <summary>
    /// Splits the characters left for quotes fairly: short quotes keep their full length and the rest is
    /// shared evenly among the long ones, each also capped at the 4096-character description limit.
    /// </summary>
    private static string[] ShareDescriptionBudget(IReadOnlyList<string> quotes, int budget)
    {
        const int QuoteMarks = 2;
        var result = new string[quotes.Count];
        var remaining = budget;
        var order = Enumerable.Range(0, quotes.Count).OrderBy(i => quotes[i].Length).ToList();
        for (var k = 0; k < order.Count; k++)
        {
            var i = order[k];
            var share = remaining / (order.Count - k);
            var allowed = Math.Min(Math.Min(share, EmbedLimits.Description), quotes[i].Length + QuoteMarks);
            result[i] = "“" + DiscordText.Truncate(quotes[i], Math.Max(1, allowed - QuoteMarks)) + "”";
            remaining -= result[i].Length;
        }

        return result;
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private sealed record EmbedParts(DiscordEmbed Embed, int FixedLength, string Quote);
}
