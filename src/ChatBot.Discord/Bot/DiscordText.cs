using System.Text;

namespace ChatBot.Discord.Bot;

/// <summary>Text helpers for Discord: shortening within a limit and escaping markdown in quoted text.</summary>
internal static class DiscordText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="max"/> UTF-16 units, ending with "…".
    /// Cuts at a word boundary when one is near, and never splits a surrogate pair. Counting UTF-16 units
    /// is conservative: Discord's own count (code points) is never larger.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= Ellipsis.Length)
        {
            return Ellipsis[..Math.Max(0, max)];
        }

        var cut = max - Ellipsis.Length;
        if (char.IsLowSurrogate(text[cut]) && cut > 0)
        {
            cut--;
        }

        var space = cut > 1 ? text.LastIndexOf(' ', cut - 1, Math.Min(cut, 40)) : -1;
        if (space > cut / 2)
        {
            cut = space;
        }

        var head = text[..cut].TrimEnd();
        if (head.EndsWith('\\'))
        {
            head = head[..^1]; // A lone escape character would swallow the ellipsis.
        }

        return head + Ellipsis;
    }

    /// <summary>
    /// Escapes Discord markdown so untrusted text (article titles, publishers, passages, questions) is shown as
    /// written in every field: no masked link (<c>[text](url)</c>), no formatting, no <c>&lt;@id&gt;</c> or
    /// <c>&lt;t:…&gt;</c> tag. Every piece of article or user text in a message goes through here.
    /// </summary>
    public static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '<' or '#' or '[' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// The link to show for <paramref name="url"/>: only an absolute http(s) URL is ever a link, in its normalised
    /// form with the characters Discord's markdown reads (brackets, parentheses, angle brackets, emphasis)
    /// percent-encoded, so the link can neither end early nor open a masked link. Null for anything else.
    /// </summary>
    public static string? WebLink(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var link = new StringBuilder(uri.AbsoluteUri.Length + 8);
        foreach (var c in uri.AbsoluteUri)
        {
            if (c is '[' or ']' or '(' or ')' or '<' or '>' or '*' or '`' or '|' or '\\' or '"' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                link.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                link.Append(c);
            }
        }

        return link.ToString();
    }
}
