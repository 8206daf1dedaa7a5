using System.Text;

namespace ChatBot.Telegram.Bot;

/// <summary>
/// Splits rendered HTML into messages Telegram accepts (at most 4096 characters each). Prefers paragraph boundaries
/// (blank lines), then line breaks, then spaces, and only as a last resort cuts inside a word. Never cuts inside a tag
/// or an entity such as &amp;amp;; when a cut falls inside an element, the element is closed at the end of one message
/// and reopened at the start of the next, so every message is well-formed on its own.
/// </summary>
public static class TelegramMessageSplitter
{
    public const int MaxMessageLength = 4096;

    private enum BreakKind
    {
        Paragraph = 0,
        Line = 1,
        Space = 2,
        Anywhere = 3,
    }

    private sealed record OpenTag(string Name, string OpeningText);

    private sealed record BreakPoint(int Cut, int Resume, BreakKind Kind, OpenTag[] Open);

    public static IReadOnlyList<string> Split(string html, int maxLength = MaxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 64);
        if (html.Length <= maxLength)
        {
            return html.Length == 0 ? [] : [html];
        }

        var breaks = FindBreakPoints(html);
        var messages = new List<string>();
        var start = 0;
        var prefix = string.Empty;
        while (start < html.Length)
        {
            if (prefix.Length + html.Length - start <= maxLength)
            {
                AddIfVisible(messages, prefix + html[start..]);
                break;
            }

            BreakPoint? best = null;
            foreach (var point in breaks)
            {
                if (point.Cut <= start)
                {
                    continue;
                }

                if (point.Cut - start > maxLength)
                {
                    break;
                }

                if (prefix.Length + point.Cut - start + ClosingLength(point.Open) > maxLength)
                {
                    continue;
                }

                if (best is null || point.Kind < best.Kind || (point.Kind == best.Kind && point.Cut > best.Cut))
                {
                    best = point;
                }
            }

            if (best is null)
            {
                throw new InvalidOperationException("The text cannot be split: its markup nests too deeply for the message limit.");
            }

            AddIfVisible(messages, prefix + html[start..best.Cut] + Closing(best.Open));
            prefix = string.Concat(best.Open.Select(tag => tag.OpeningText));
            start = best.Resume;
        }

        return messages;
    }

    private static List<BreakPoint> FindBreakPoints(string html)
    {
        var points = new List<BreakPoint>();
        var open = new List<OpenTag>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    break;
                }

                var tag = html[i..(end + 1)];
                var name = TagName(tag);
                if (tag.StartsWith("</", StringComparison.Ordinal))
                {
                    var index = open.FindLastIndex(t => t.Name == name);
                    if (index >= 0)
                    {
                        open.RemoveAt(index);
                    }
                }
                else
                {
                    open.Add(new OpenTag(name, tag));
                }

                i = end + 1;
                continue;
            }

            var snapshot = open.ToArray();
            if (c == '\n' && i + 1 < html.Length && html[i + 1] == '\n')
            {
                points.Add(new BreakPoint(i, i + 2, BreakKind.Paragraph, snapshot));
            }
            else if (c == '\n')
            {
                points.Add(new BreakPoint(i, i + 1, BreakKind.Line, snapshot));
            }
            else if (c == ' ')
            {
                points.Add(new BreakPoint(i, i + 1, BreakKind.Space, snapshot));
            }
            else if (!char.IsLowSurrogate(c))
            {
                points.Add(new BreakPoint(i, i, BreakKind.Anywhere, snapshot));
            }

            if (c == '&')
            {
                // An entity is one character to the reader; skip it whole so no cut lands inside it.
                var semicolon = html.IndexOf(';', i);
                i = semicolon > i && semicolon - i <= 10 ? semicolon + 1 : i + 1;
                continue;
            }

            i++;
        }

        return points;
    }

    private static string TagName(string tag)
    {
        var name = new StringBuilder();
        foreach (var c in tag.AsSpan(tag.StartsWith("</", StringComparison.Ordinal) ? 2 : 1))
        {
            if (!char.IsLetterOrDigit(c) && c != '-')
            {
                break;
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }

    private static int ClosingLength(OpenTag[] open) => open.Sum(tag => tag.Name.Length + 3);

    private static string Closing(OpenTag[] open) =>
        string.Concat(open.Reverse().Select(tag => $"</{tag.Name}>"));

    private static void AddIfVisible(List<string> messages, string message)
    {
        if (message.Trim().Length > 0)
        {
            messages.Add(message);
        }
    }
}
