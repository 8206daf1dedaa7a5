using System.Text;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Conversation;
using ChatBot.Discord.Models;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Bot;

/// <summary>
/// Turns a conversation reply into a Discord message: one embed per cited passage (the quote as the description,
/// the source as a field, the article date in the footer), always within Discord's embed limits; the article list
/// and every other reply as plain text. Embeds carry no timestamp: Discord shows one in the reader's time zone, and a
/// publication day has no time of day, so readers west of UTC would see the day before. Nothing in the message can
/// ping anyone but the asker.
/// </summary>
public sealed class AnswerMessageBuilder(CitationFormatter citations)
{
    internal const string SourceFieldName = "Source";

    public DiscordMessagePayload Render(TurnReply reply, DiscordMessageReference? replyTo = null) => reply switch
    {
        { Kind: TurnReplyKind.Answered or TurnReplyKind.Closest, Answer: { } answer } => Build(answer, replyTo),
        { Kind: TurnReplyKind.Sources, Articles: { Count: > 0 } articles } => PlainText(RenderSources(articles), replyTo),
        _ => PlainText(reply.Text, replyTo),
    };

    /// <summary>Green bar and "Answer" for the first tier; amber and a hedge for closest passages.</summary>
    internal const int AnsweredColor = 0x2E7D32;
    internal const int ClosestColor = 0xF9A825;
    internal const string AnsweredLabel = "Answer";
    internal const string ClosestLabel = "Closest passage — may not answer directly";

    /// <summary>
    /// The answer as embeds, each marked with its tier (colour and author line); closest passages also carry
    /// <see cref="ConversationTexts.Closest"/> as the message text, so no reader takes them for the answer.
    /// </summary>
    public DiscordMessagePayload Build(Answer answer, DiscordMessageReference? replyTo = null)
    {
        if (answer.Tier == AnswerTier.Declined || answer.Passages.Count == 0)
        {
            return PlainText(ConversationTexts.Declined(DiscordSurface.Value), replyTo);
        }

        var closest = answer.Tier == AnswerTier.Closest;
        var parts = answer.Passages.Take(EmbedLimits.EmbedsPerMessage).Select(p => FixedParts(p, closest)).ToList();

        // Keep room for at least a short quote in every embed; drop the weakest passages if titles alone are huge.
        const int MinimumQuote = 200;
        while (parts.Count > 1 && parts.Sum(p => p.FixedLength) + (MinimumQuote * parts.Count) > EmbedLimits.TotalPerMessage)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        // Four characters an embed are kept for the bold markers ("**" twice).
        var budget = EmbedLimits.TotalPerMessage - parts.Sum(p => p.FixedLength + 4);
        var descriptions = ShareDescriptionBudget(parts.Select(p => p.Quote).ToList(), budget);

        // A quote that had to be cut is shown without its bold sentence: the cut could fall between the markers.
        var embeds = parts.Select((p, i) => p.Embed with
        {
            Description = descriptions[i].Length == p.Quote.Length + 2 && p.BoldQuote.Length + 2 <= EmbedLimits.Description
                ? $"“{p.BoldQuote}”"
                : descriptions[i],
        }).ToList();
        return new DiscordMessagePayload(closest ? ConversationTexts.Closest : null, embeds, DiscordAllowedMentions.OnlyRepliedUser, replyTo);
    }

    /// <summary>A plain message (declines, rate-limit notices), cut to the 2000-character content limit.</summary>
    public DiscordMessagePayload PlainText(string text, DiscordMessageReference? replyTo = null) =>
        new(DiscordText.Truncate(text, EmbedLimits.Content), null, DiscordAllowedMentions.OnlyRepliedUser, replyTo);

    private EmbedParts FixedParts(CitedPassage passage, bool closest)
    {
        var label = closest ? ClosestLabel : AnsweredLabel;
        var article = passage.Article;
        var date = citations.FormatDate(article.Date);
        var link = DiscordText.WebLink(article.Url);
        var title = DiscordText.Truncate(DiscordText.EscapeMarkdown(article.Title), EmbedLimits.Title);
        var source = SourceField(article, link);
        var footer = DiscordText.Truncate($"Article date: {date}", EmbedLimits.Footer);
        var embed = new DiscordEmbed(
            Title: title,
            Url: link,
            Timestamp: null,
            Fields: [new DiscordEmbedField(SourceFieldName, source)],
            Footer: new DiscordEmbedFooter(footer))
        {
            Color = closest ? ClosestColor : AnsweredColor,
            Author = new DiscordEmbedAuthor(label),
        };
        var fixedLength = title.Length + SourceFieldName.Length + source.Length + footer.Length + label.Length;
        var (before, highlighted, after) = passage.SplitAtHighlight();
        var plain = DiscordText.EscapeMarkdown(passage.Text);
        var bold = highlighted.Length == 0 ? plain
            : $"{DiscordText.EscapeMarkdown(before)}**{DiscordText.EscapeMarkdown(highlighted)}**{DiscordText.EscapeMarkdown(after)}";
        return new EmbedParts(embed, fixedLength, plain, bold);
    }

    /// <summary>"Title — Publisher, date — link": the text escaped, the link only when it is http(s), never cut.</summary>
    private string SourceField(ArticleMetadata article, string? link)
    {
        var suffix = link is null || link.Length > EmbedLimits.FieldValue / 2 ? string.Empty : " — " + link;
        var text = DiscordText.EscapeMarkdown($"{article.Title} — {citations.FormatSourceLine(article)}");
        return DiscordText.Truncate(text, EmbedLimits.FieldValue - suffix.Length) + suffix;
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

    /// <summary>"1. **Title** — Publisher, 16 December 2016, date inferred from the text — &lt;link&gt;" a line.</summary>
    private string RenderSources(IReadOnlyList<ArticleMetadata> articles)
    {
        var text = new StringBuilder("**The articles I answer from**");
        var number = 1;
        foreach (var article in articles)
        {
            // <link> keeps Discord from unfurling a preview for every article.
            var link = DiscordText.WebLink(article.Url) is { } url ? $" — <{url}>" : string.Empty;
            text.Append('\n').Append(number++).Append(". **").Append(DiscordText.EscapeMarkdown(article.Title)).Append("** — ")
                .Append(DiscordText.EscapeMarkdown(citations.FormatSourceLine(article))).Append(link);
        }

        return text.ToString();
    }

    /// <param name="Quote">The escaped passage, as budgeted and cut.</param>
    /// <param name="BoldQuote">The same with the answering sentence in bold, shown when the quote was not cut.</param>
    private sealed record EmbedParts(DiscordEmbed Embed, int FixedLength, string Quote, string BoldQuote);
}
