namespace ChatBot.Host.Terminal;

/// <summary>
/// What the two output streams are connected to. Escape codes (colour, bold, cursor movement) are written only to a
/// terminal, and never when <c>NO_COLOR</c> is set (https://no-color.org: any non-empty value).
/// </summary>
/// <param name="StdoutIsTerminal">Standard output is a terminal, not a file or pipe.</param>
/// <param name="StderrIsTerminal">Standard error is a terminal, not a file or pipe.</param>
/// <param name="NoColor">The user asked for no colour (<c>NO_COLOR</c>).</param>
internal sealed record TerminalCapabilities(bool StdoutIsTerminal, bool StderrIsTerminal, bool NoColor)
{
    public bool StdoutAnsi => StdoutIsTerminal && !NoColor;

    public bool StderrAnsi => StderrIsTerminal && !NoColor;

    public static TerminalCapabilities Detect() => new(
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
}
