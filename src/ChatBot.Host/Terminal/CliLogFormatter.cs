using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ChatBot.Host.Terminal;

/// <summary>
/// Log lines for people: <c>warning: …</c> (with the time and source in the long-running bot), colour only on a
/// terminal without NO_COLOR, an exception as its message unless <c>--verbose</c>, and a message that keeps
/// repeating shown <see cref="ShownRepeats"/> times, then counted (every <see cref="CountEvery"/>th says how many).
/// </summary>
internal sealed class CliLogFormatter(TerminalCapabilities terminal, StatusLine statusLine, CliLogFormatterSettings settings)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "chatbot";
    public const int ShownRepeats = 3;
    public const int CountEvery = 100;

    private readonly ConcurrentDictionary<string, int> _repeats = new(StringComparer.Ordinal);

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var template = logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values
            ? values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string
            : null;
        var seen = _repeats.AddOrUpdate($"{logEntry.Category}\u0000{template ?? message}", 1, (_, n) => n + 1);
        var note = string.Empty;
        if (seen > ShownRepeats)
        {
            if (seen % CountEvery != 0)
            {
                return;
            }

            note = $" ({seen:N0} messages like this so far; only the first {ShownRepeats} are shown in full)";
        }
        else if (seen == ShownRepeats && template is not null)
        {
            note = " (further messages like this are counted, not shown)";
        }

        statusLine.Clear(textWriter);
        if (settings.Service)
        {
            textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture));
        }

        var (label, colour) = Label(logEntry.LogLevel);
        textWriter.Write(terminal.StderrAnsi ? $"\u001b[{colour}m{label}\u001b[0m: " : label + ": ");
        if (settings.Service)
        {
            textWriter.Write($"[{logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..]}] ");
        }

        textWriter.Write(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } exception && !settings.Verbose && !message.Contains(exception.Message, StringComparison.Ordinal))
        {
            textWriter.Write($" ({exception.Message.ReplaceLineEndings(" ")})");
        }

        textWriter.WriteLine(note);
        if (logEntry.Exception is { } shown && settings.Verbose)
        {
            textWriter.WriteLine(shown.ToString());
        }
    }

    private static (string Label, string Colour) Label(LogLevel level) => level switch
    {
        LogLevel.Critical => ("critical", "1;31"),
        LogLevel.Error => ("error", "31"),
        LogLevel.Warning => ("warning", "33"),
        LogLevel.Information => ("info", "32"),
        _ => ("debug", "90"),
    };
}

/// <summary>How <see cref="CliLogFormatter"/> writes: with times and sources for the bot service, traces with --verbose.</summary>
internal sealed record CliLogFormatterSettings(bool Service, bool Verbose);
