using System.Text;
using Spectre.Console;

namespace ChatBot.Host.Terminal;

/// <summary>
/// Writes text folded at the console width between words only, so a link is never cut in two: a word longer than
/// the line (a long URL) gets a line of its own, past the edge, where a terminal still lets it be selected whole.
/// Spectre's own wrapping splits such words at the edge.
/// </summary>
internal static class UnbrokenLines
{
    public static void Write(IAnsiConsole console, string text, Style? style = null, string indent = "")
    {
        foreach (var line in Fold(text, console.Profile.Width, indent))
        {
            if (line.Length <= console.Profile.Width)
            {
                console.Write(new Text(line + "\n", style ?? Style.Plain));
            }
            else
            {
                // Past the edge: Spectre would split it, so it goes out as it is.
                console.Profile.Out.Writer.WriteLine(line);
            }
        }
    }

    /// <summary>The lines <paramref name="text"/> folds into at <paramref name="width"/>, every line starting with <paramref name="indent"/>.</summary>
    public static IReadOnlyList<string> Fold(string text, int width, string indent = "")
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = current.Length == 0 ? indent : " ";
            if (current.Length > 0 && current.Length + prefix.Length + word.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
                prefix = indent;
            }

            current.Append(prefix).Append(word);
        }

        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current.ToString());
        }

        return lines;
    }
}
