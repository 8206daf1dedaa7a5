using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Ingestion;

namespace ChatBot.Host.Terminal;

/// <summary>
/// Shows long work on stderr: on a terminal a bar with counts, rate and time left, redrawn at most ten times a
/// second; when stderr is a file or pipe, a plain line every <see cref="PlainInterval"/> and one when a stage ends.
/// Short stages (under a second) show nothing. Reusable by any long work that reports <see cref="IngestProgress"/>.
/// </summary>
internal sealed class ProgressDisplay(TerminalCapabilities terminal, StatusLine statusLine, TextWriter writer, TimeProvider time)
    : IIngestProgressSink
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan QuietStart = TimeSpan.FromSeconds(1);
    private const int BarWidth = 30;

    private readonly Lock _gate = new();
    private string? _stage;
    private long _stageStarted;
    private long _lastShown;
    private bool _shownAny;

    public void Report(IngestProgress value)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                _stageStarted = now;
                _lastShown = now;
                _shownAny = false;
            }

            var elapsed = time.GetElapsedTime(_stageStarted, now);
            var finished = value.Done >= value.Total;
            if (elapsed < QuietStart && !(finished && _shownAny))
            {
                return;
            }

            var sinceShown = time.GetElapsedTime(_lastShown, now);
            if (terminal.StderrIsTerminal)
            {
                if (finished || sinceShown >= RedrawInterval || !_shownAny)
                {
                    statusLine.Show(writer, Bar(value, elapsed));
                    _lastShown = now;
                    _shownAny = true;
                    if (finished)
                    {
                        statusLine.Finish(writer);
                        _stage = null;
                    }
                }
            }
            else if (finished || sinceShown >= PlainInterval || !_shownAny)
            {
                writer.WriteLine(Plain(value, elapsed));
                writer.Flush();
                _lastShown = now;
                _shownAny = true;
                if (finished)
                {
                    _stage = null;
                }
            }
        }
    }

    /// <summary>"embedding [=========>          ] 1,200/5,000 passages  95/s  40 s left".</summary>
    public static string Bar(IngestProgress value, TimeSpan elapsed)
    {
        var share = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var filled = (int)Math.Round(share * BarWidth);
        var bar = new string('=', filled) + (filled < BarWidth ? ">" + new string(' ', BarWidth - filled - 1) : string.Empty);
        return $"{value.Stage} [{bar}] {Counts(value, elapsed)}";
    }

    /// <summary>"ingest: embedding 1,200/5,000 passages (24 %), 95/s, 40 s left".</summary>
    public static string Plain(IngestProgress value, TimeSpan elapsed) =>
        $"progress: {value.Stage} {Counts(value, elapsed)}";

    private static string Counts(IngestProgress value, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var rate = elapsed.TotalSeconds > 0 ? value.Done / elapsed.TotalSeconds : 0;
        var percent = value.Total == 0 ? 100 : 100.0 * value.Done / value.Total;
        var left = rate > 0 && value.Done < value.Total ? $", {Duration((value.Total - value.Done) / rate)} left" : string.Empty;
        return string.Create(c, $"{value.Done:N0}/{value.Total:N0} {value.Unit} ({percent:F0} %), {rate:N0}/s{left}");
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
    };
}
