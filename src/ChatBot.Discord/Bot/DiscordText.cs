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

    /// <summary>Escapes Discord markdown so article text is shown as written.</summary>
    public static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '#' or '[' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
