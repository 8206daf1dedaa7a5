using System.Diagnostics;
using ChatBot.Testing;

namespace ChatBot.Host.Tests;

/// <summary>
/// Runs the real ChatBot.Host executable (the built dll, via <c>dotnet</c>) in a scratch working directory, the way a
/// user or a script would, and captures stdout and stderr separately.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly TempDirectory _workDir = new();

    public string WorkingDirectory => _workDir.Path;

    public Dictionary<string, string> Environment { get; } = new()
    {
        ["Library__SeedsPath"] = RepoPaths.Seeds,
        ["Embeddings__Model"] = "none",
    };

    public string DatabasePath => Path.Combine(_workDir.Path, "data", "chatbot.db");

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    /// <summary>Runs to the end with <paramref name="input"/> piped to standard input.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string input, params string[] args)
    {
        using var process = Start(args);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the host and leaves it running, stdin open (long-running verbs such as <c>run</c>, interrupts, kills, concurrent runs).</summary>
    public Process Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatBot.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workDir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    public void Dispose() => _workDir.Dispose();
}
