using System.Text.RegularExpressions;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>
/// A strict stand-in for Telegram's HTML parser: unknown or unbalanced tags and unescaped '&lt;', '&gt;', '&amp;'
/// are rejected ("can't parse entities"), so unescaped text makes the fake refuse the message like Telegram does.
/// </summary>
public static partial class TelegramHtmlChecker
{
    private static readonly HashSet<string> AllowedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span"];

    /// <summary>Returns the visible text length, or an error description.</summary>
    public static (int VisibleLength, string? Error) Check(string html)
    {
        var open = new Stack<string>();
        var visible = 0;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    return (0, $"Unclosed tag at {i}");
                }

                var tag = html[(i + 1)..end];
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim();
                    if (open.Count == 0 || open.Pop() != name)
                    {
                        return (0, $"Unexpected end tag </{name}> at {i}");
                    }
                }
                else
                {
                    var match = OpeningTag().Match(tag);
                    if (!match.Success || !AllowedTags.Contains(match.Groups["name"].Value))
                    {
                        return (0, $"Unsupported start tag \"{tag}\" at {i}");
                    }

                    open.Push(match.Groups["name"].Value);
                }

                i = end + 1;
                continue;
            }

            if (c == '>')
            {
                return (0, $"Character '>' is reserved at {i}");
            }

            if (c == '&')
            {
                var entity = Entity().Match(html, i);
                if (!entity.Success || entity.Index != i)
                {
                    return (0, $"Character '&' is reserved at {i}");
                }

                i += entity.Length;
                visible++;
                continue;
            }

            visible++;
            i++;
        }

        return open.Count == 0 ? (visible, null) : (0, $"Unclosed <{open.Peek()}>");
    }

    // Attribute values may hold entities but never a raw '"' or '<'.
    [GeneratedRegex("^(?<name>[a-z-]+)(\\s+[a-z-]+=\"[^\"<]*\")*\\s*$")]
    private static partial Regex OpeningTag();

    [GeneratedRegex("&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")]
    private static partial Regex Entity();
}
