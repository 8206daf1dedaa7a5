using System.Text;

namespace ChatBot.Host.Repl;

/// <summary>
/// Reads a line key by key on a terminal, with Ctrl+C taken as a key (not a signal): it clears what was typed and
/// returns an interrupt, so the REPL can start a fresh prompt — the standard line-reader ways do neither. Editing:
/// Backspace, Ctrl+U (clear), Ctrl+D on an empty line (end), Enter.
/// </summary>
internal sealed class TerminalLineEditor(Func<ConsoleKeyInfo> readKey, TextWriter echo) : IReplInputSource
{
    private readonly bool _previousTreatControlC = SwapTreatControlC(true);

    public Task<ReplInput> ReadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Read(cancellationToken), cancellationToken);

    public ReplInput Read(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = readKey();
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key)
            {
                case { Key: ConsoleKey.C } when control:
                    echo.WriteLine("^C");
                    return ReplInput.Interrupt;
                case { Key: ConsoleKey.D } when control:
                    if (line.Length == 0)
                    {
                        return ReplInput.End;
                    }

                    break;
                case { Key: ConsoleKey.U } when control:
                    Erase(line.Length);
                    line.Clear();
                    break;
                case { Key: ConsoleKey.Enter }:
                    echo.WriteLine();
                    return new ReplInput(ReplInputKind.Line, line.ToString());
                case { Key: ConsoleKey.Backspace }:
                    if (line.Length > 0)
                    {
                        line.Length--;
                        Erase(1);
                    }

                    break;
                default:
                    if (!control && !char.IsControl(key.KeyChar) && key.KeyChar != '\0')
                    {
                        line.Append(key.KeyChar);
                        echo.Write(key.KeyChar);
                    }

                    break;
            }

            echo.Flush();
        }

        return ReplInput.End;
    }

    public void Dispose() => SwapTreatControlC(_previousTreatControlC);

    private void Erase(int characters)
    {
        for (var i = 0; i < characters; i++)
        {
            echo.Write("\b \b");
        }
    }

    private static bool SwapTreatControlC(bool value)
    {
        if (Console.IsInputRedirected)
        {
            return false;
        }

        var previous = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = value;
        return previous;
    }
}
