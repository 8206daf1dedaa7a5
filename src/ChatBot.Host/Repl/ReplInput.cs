namespace ChatBot.Host.Repl;

/// <summary>What the user did at the prompt: entered a line, pressed Ctrl+C, or ended the input (Ctrl+D).</summary>
internal readonly record struct ReplInput(ReplInputKind Kind, string Line = "")
{
    public static readonly ReplInput Interrupt = new(ReplInputKind.Interrupt);
    public static readonly ReplInput End = new(ReplInputKind.End);
}

internal enum ReplInputKind
{
    Line,
    Interrupt,
    End,
}

/// <summary>Where the REPL's input comes from: a terminal (key by key) or redirected text.</summary>
internal interface IReplInputSource : IDisposable
{
    Task<ReplInput> ReadAsync(CancellationToken cancellationToken);
}
