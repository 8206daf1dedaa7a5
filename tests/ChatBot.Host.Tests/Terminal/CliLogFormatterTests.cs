using ChatBot.Host.Terminal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Host.Tests.Terminal;

/// <summary>Log lines on stderr: one line each, repeated warnings summarised, exceptions without a stack trace.</summary>
public sealed class CliLogFormatterTests
{
    [Fact]
    public void A_warning_repeated_452_times_is_shown_three_times_then_counted()
    {
        var formatter = new CliLogFormatter(new TerminalCapabilities(false, false, false), new StatusLine(), new CliLogFormatterSettings(Service: false, Verbose: false));
        var output = new StringWriter();

        for (var i = 0; i < 452; i++)
        {
            Write(formatter, output, LogLevel.Warning, "Passage {Id} truncated to {Tokens} tokens", i, 512);
        }

        Write(formatter, output, LogLevel.Warning, "Something else");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3 + 4 + 1, lines.Length); // three in full, then one at 100, 200, 300 and 400, then the other one
        Assert.StartsWith("warning: Passage 0 truncated to 512 tokens", lines[0], StringComparison.Ordinal);
        Assert.Contains("further messages like this are counted", lines[2], StringComparison.Ordinal);
        Assert.Contains("400 messages like this so far", lines[6], StringComparison.Ordinal);
        Assert.Equal("warning: Something else", lines[7]);
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void An_exception_is_its_message_not_a_stack_trace()
    {
        var formatter = new CliLogFormatter(new TerminalCapabilities(true, true, false), new StatusLine(), new CliLogFormatterSettings(Service: false, Verbose: false));
        var output = new StringWriter();
        Exception error;
        try
        {
            throw new InvalidOperationException("the snapshot is damaged");
        }
        catch (InvalidOperationException ex)
        {
            error = ex;
        }

        WriteWithException(formatter, output, "Could not load the BM25 index", error);

        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Could not load the BM25 index (the snapshot is damaged)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[33mwarning\u001b[0m", output.ToString(), StringComparison.Ordinal); // colour on a terminal
    }

    private static void Write(CliLogFormatter formatter, TextWriter output, LogLevel level, string template, params object?[] args) =>
        formatter.Write(new LogEntry<FormattedValues>(level, "ChatBot.Test", default, new FormattedValues(template, args), null, (s, _) => s.ToString()), null, output);

    private static void WriteWithException(CliLogFormatter formatter, TextWriter output, string template, Exception exception) =>
        formatter.Write(new LogEntry<FormattedValues>(LogLevel.Warning, "ChatBot.Test", default, new FormattedValues(template, []), exception, (s, _) => s.ToString()), null, output);

    /// <summary>The state ILogger.Log passes for a message template: its values and "{OriginalFormat}".</summary>
    private sealed class FormattedValues(string template, object?[] args) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => new("{OriginalFormat}", template);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = template;
            foreach (var arg in args)
            {
                var start = text.IndexOf('{', StringComparison.Ordinal);
                var end = text.IndexOf('}', start);
                text = string.Concat(text.AsSpan(0, start), arg?.ToString(), text.AsSpan(end + 1));
            }

            return text;
        }
    }
}
