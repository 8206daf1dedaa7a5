using Spectre.Console;

namespace ChatBot.Host.Terminal;

/// <summary>
/// The Spectre console for standard output, with ANSI decided by <see cref="TerminalCapabilities"/> rather than by
/// Spectre's own detection (which keeps bold and italic under NO_COLOR, and looks at the terminal type only).
/// </summary>
internal static class TerminalConsole
{
    /// <summary>Width used when output is not a terminal: wide enough that tables and links are not folded.</summary>
    public const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TerminalCapabilities terminal, TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal.StdoutAnsi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal.StdoutAnsi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal.StdoutIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal.StdoutIsTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
