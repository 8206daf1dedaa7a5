using ChatBot.Core.Ingestion;
using ChatBot.Host.Repl;
using ChatBot.Host.Terminal;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace ChatBot.Host.Tests.Terminal;

/// <summary>Terminal manners: links never cut, progress as a bar or as plain lines, no escape codes off a terminal.</summary>
public sealed class TerminalTests
{
    private const string Link = "https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157";

    [Fact]
    public void A_citation_at_80_columns_keeps_its_link_on_one_line()
    {
        var output = new StringWriter();
        var console = TerminalConsole.Create(new TerminalCapabilities(true, true, NoColor: true), output);
        console.Profile.Width = 80;

        UnbrokenLines.Write(console, $"— Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds — The Moscow Times, 10 November 2014 — {Link}", indent: "  ");

        Assert.Contains(output.ToString().Split('\n'), line => line.Trim() == Link);
        Assert.All(output.ToString().Split('\n').Where(l => !l.Contains(Link, StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, l));
    }

    [Fact]
    public void No_color_means_no_escape_codes_at_all_even_for_bold_and_italic()
    {
        var output = new StringWriter();
        var console = TerminalConsole.Create(new TerminalCapabilities(true, true, NoColor: true), output);

        console.MarkupLine("[bold]ChatBot[/] [italic]quoted[/] [green]ok[/]");

        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.Contains("ChatBot quoted ok", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_progress_is_plain_periodic_lines_with_counts_and_rate()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();
        var progress = new ProgressDisplay(new TerminalCapabilities(false, false, false), new StatusLine(), output, time);

        for (var done = 0; done <= 1000; done += 10)
        {
            progress.Report(new IngestProgress("embedding", done, 1000, "passages"));
            time.Advance(TimeSpan.FromMilliseconds(200)); // 20 s in all: 50 passages/s
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 3, 6); // every 5 s and at the end, not one per report
        Assert.All(lines, l => Assert.StartsWith("progress: embedding ", l, StringComparison.Ordinal));
        Assert.Contains("1,000/1,000 passages (100 %), 50/s", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void Terminal_progress_is_one_bar_redrawn_in_place()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();
        var progress = new ProgressDisplay(new TerminalCapabilities(true, true, false), new StatusLine(), output, time);

        for (var done = 0; done <= 100; done++)
        {
            progress.Report(new IngestProgress("articles", done, 100, "files"));
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var text = output.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("articles [==============================] 100/100 files (100 %)", text, StringComparison.Ordinal);
        Assert.True(text.Count(c => c == '\r') > 5);
    }

    [Fact]
    public void Ctrl_c_clears_the_typed_line_and_the_next_line_is_read_fresh()
    {
        var keys = new Queue<ConsoleKeyInfo>([.. "abc".Select(Key), new('\u0003', ConsoleKey.C, false, false, control: true), .. "Where is Nagato?".Select(Key), new('\r', ConsoleKey.Enter, false, false, false)]);
        var echo = new StringWriter();
        using var editor = new TerminalLineEditor(keys.Dequeue, echo);

        Assert.Equal(ReplInput.Interrupt, editor.Read(CancellationToken.None));
        Assert.Equal(new ReplInput(ReplInputKind.Line, "Where is Nagato?"), editor.Read(CancellationToken.None));
        Assert.Contains("abc^C", echo.ToString(), StringComparison.Ordinal);
    }

    private static ConsoleKeyInfo Key(char c) => new(c, char.IsLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : ConsoleKey.Spacebar, char.IsUpper(c), false, false);
}
