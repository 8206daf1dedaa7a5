using System.Text;

namespace ChatBot.Core.Text;

/// <summary>
/// Removes C0 and C1 control characters (and DEL) from untrusted text, keeping tab and line feed; a carriage return
/// becomes a line feed. Decided once, at ingest: article text and metadata are cleaned before they are stored, so no
/// surface (terminal, Telegram, Discord, the Semantic Kernel plugin) can receive an escape sequence such as
/// <c>ESC]0;title BEL</c> or <c>ESC[2J</c> from an article. What remains of such a sequence is harmless visible text.
/// </summary>
public static class ControlCharacters
{
    /// <summary>The text without control characters; the same instance when it has none.</summary>
    public static string Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (first < 0 && text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                // CR LF is one line break; a lone CR (which lets a terminal overwrite a line) becomes one too.
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                clean.Append('\n');
            }
            else if (c is '\t' or '\n' || !IsControl(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>Null stays null; otherwise <see cref="Remove(string)"/>.</summary>
    public static string? RemoveFromOptional(string? text) => text is null ? null : Remove(text);

    private static bool IsControl(char c) => c <= '\u001f' || (c >= '\u007f' && c <= '\u009f');
}
