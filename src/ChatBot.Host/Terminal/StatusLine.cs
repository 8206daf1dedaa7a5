namespace ChatBot.Host.Terminal;

/// <summary>
/// The one progress line at the bottom of a terminal's stderr, redrawn in place with a carriage return. Log lines
/// clear it before they print, so a warning never ends up glued to a half-drawn bar.
/// </summary>
internal sealed class StatusLine
{
    private readonly Lock _gate = new();
    private int _shownLength;

    /// <summary>Replaces the line's text (no newline: the next draw overwrites it).</summary>
    public void Show(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.Write('\r' + text.PadRight(_shownLength));
            writer.Flush();
            _shownLength = text.Length;
        }
    }

    /// <summary>Blanks the line if one is shown, leaving the cursor at its start.</summary>
    public void Clear(TextWriter writer)
    {
        lock (_gate)
        {
            if (_shownLength > 0)
            {
                writer.Write('\r' + new string(' ', _shownLength) + '\r');
                _shownLength = 0;
            }
        }
    }

    /// <summary>Ends the line where it stands (the final state of a finished stage stays visible).</summary>
    public void Finish(TextWriter writer)
    {
        lock (_gate)
        {
            if (_shownLength > 0)
            {
                writer.WriteLine();
                writer.Flush();
                _shownLength = 0;
            }
        }
    }
}
