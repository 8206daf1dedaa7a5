namespace ChatBot.Host.Repl;

/// <summary>
/// Input from a pipe or file, line by line. Ctrl+C arrives as a signal (SIGINT), handled here instead of killing the
/// process: the REPL decides what an interrupt means. A line being read when it comes is kept for the next read.
/// </summary>
internal sealed class TextReaderInput : IReplInputSource
{
    private readonly TextReader _reader;
    private readonly SemaphoreSlim _interrupts = new(0);
    private readonly bool _handlesSignals;
    private Task<string?>? _pending;

    public TextReaderInput(TextReader reader, bool handleCtrlC)
    {
        _reader = reader;
        _handlesSignals = handleCtrlC;
        if (handleCtrlC)
        {
            Console.CancelKeyPress += OnCancelKeyPress;
        }
    }

    public async Task<ReplInput> ReadAsync(CancellationToken cancellationToken)
    {
        _pending ??= Task.Run(() => _reader.ReadLine(), CancellationToken.None);
        var interrupted = _interrupts.WaitAsync(cancellationToken);
        var first = await Task.WhenAny(_pending, interrupted);
        if (first != _pending)
        {
            await interrupted; // surfaces cancellation
            return ReplInput.Interrupt;
        }

        // The interrupt wait is abandoned; a signal that comes later is still counted for the next read.
        _ = interrupted.ContinueWith(t => { if (t.IsCompletedSuccessfully) { _interrupts.Release(); } }, TaskScheduler.Default);
        var line = await _pending;
        _pending = null;
        return line is null ? ReplInput.End : new ReplInput(ReplInputKind.Line, line);
    }

    /// <summary>Delivers an interrupt as Ctrl+C would (tests, and the signal handler).</summary>
    public void Interrupt() => _interrupts.Release();

    public void Dispose()
    {
        if (_handlesSignals)
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }

        _interrupts.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Interrupt();
    }
}
