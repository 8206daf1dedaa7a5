using System.Text;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Conversation;

namespace ChatBot.Telegram.Bot;

/// <summary>
/// Renders answers for <c>parse_mode: HTML</c>: each passage in a blockquote, then its citation (linked title, publisher,
/// date). All user and article text goes through <see cref="Escape"/>, attribute values included, because Telegram
/// rejects the whole message on one stray '&lt;' and a hostile title must not inject markup or links.
/// Passages are separated by blank lines so <see cref="TelegramMessageSplitter"/> can split between them.
/// </summary>
public sealed class TelegramHtmlRenderer(CitationFormatter citations)
{
    /// <summary>Escapes the characters Telegram's HTML parser treats specially (text and attribute values).</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>A conversation reply as Telegram HTML: quoted passages, the article list, or the escaped text.</summary>
    public string Render(TurnReply reply) => reply switch
    {
        { Kind: TurnReplyKind.Answered, Answer: { } answer } => string.Join("\n\n", answer.Passages.Select(passage => RenderPassage(passage))),
        { Kind: TurnReplyKind.Closest, Answer: { } answer } =>
            $"<i>{Escape(reply.Text)}</i>\n\n" + string.Join("\n\n", answer.Passages.Select(passage => RenderPassage(passage))),
        { Kind: TurnReplyKind.Sources, Articles: { Count: > 0 } articles } => RenderSources(articles),
        _ => Escape(reply.Text),
    };

    /// <summary>
    /// One quoted passage with its citation, the answering sentence in bold; a passage too long for
    /// <paramref name="maxLength"/> is shortened with "…" (and then shown without the bold, which could be cut).
    /// </summary>
    public string RenderPassage(CitedPassage passage, int maxLength = TelegramMessageSplitter.MaxMessageLength)
    {
        var citation = RenderCitation(passage.Article);
        // Blank lines inside a quote would read as separate answers; one line break keeps the quote together.
        var text = CollapseBlankLines(passage.Text.Trim());
        // The sentence is found again in the collapsed text: collapsing the parts around it one by one would join a
        // sentence that starts a paragraph onto the end of the one before.
        var (_, highlighted, _) = passage.SplitAtHighlight();
        var sentence = CollapseBlankLines(highlighted);
        var at = sentence.Length == 0 ? -1 : text.IndexOf(sentence, StringComparison.Ordinal);
        if (at >= 0)
        {
            var bold = Quote($"{Escape(text[..at])}<b>{Escape(sentence)}</b>{Escape(text[(at + sentence.Length)..])}", citation);
            if (bold.Length <= maxLength)
            {
                return bold;
            }
        }

        var rendered = Quote(Escape(text), citation);
        while (rendered.Length > maxLength && text.Length > 1)
        {
            var excess = rendered.Length - maxLength;
            text = text[..Math.Max(1, text.Length - excess - 1)].TrimEnd() + "…";
            rendered = Quote(Escape(text), citation);
        }

        return rendered;
    }

    /// <summary>"— <a href="url">Title</a>, Publisher, 10 November 2014" (title in bold when there is no usable link).</summary>
    public string RenderCitation(ArticleMetadata article)
    {
        var title = Escape(article.Title);
        var linkedTitle = IsWebLink(article.Url)
            ? $"<a href=\"{Escape(article.Url!)}\">{title}</a>"
            : $"<b>{title}</b>";
        return $"— {linkedTitle}, {Escape(citations.FormatSourceLine(article))}";
    }

    public string RenderSources(IReadOnlyList<ArticleMetadata> articles)
    {
        var text = new StringBuilder("<b>The articles I answer from</b>\n");
        var number = 1;
        foreach (var article in articles)
        {
            var title = Escape(article.Title);
            var linkedTitle = IsWebLink(article.Url) ? $"<a href=\"{Escape(article.Url!)}\">{title}</a>" : title;
            text.Append('\n').Append(number++).Append(". ").Append(linkedTitle)
                .Append(" — ").Append(Escape(citations.FormatSourceLine(article)));
        }

        return text.ToString();
    }

    /// <param name="quoteHtml">The passage, already escaped (it may hold the answering sentence's &lt;b&gt;).</param>
    private static string Quote(string quoteHtml, string citation) =>
        $"<blockquote>{quoteHtml}</blockquote>\n{citation}";

    private static string CollapseBlankLines(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0);
        return string.Join('\n', lines);
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
