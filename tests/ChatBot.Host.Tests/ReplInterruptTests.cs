using System.Diagnostics;
using System.Text;

namespace ChatBot.Host.Tests;

/// <summary>Ctrl+C in the REPL of the real executable (SIGINT, as a terminal sends it): the first is noted, a second leaves.</summary>
public sealed class ReplInterruptTests
{
    [Fact]
    public async Task The_first_ctrl_c_keeps_the_session_and_a_second_one_ends_it()
    {
        using var host = new HostProcess();
        using var repl = host.Start("repl");
        var stdout = new StringBuilder();
        repl.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        repl.BeginOutputReadLine();
        repl.BeginErrorReadLine();
        string Output() { lock (stdout) { return stdout.ToString(); } }

        await repl.StandardInput.WriteLineAsync("Where is Nagato?");
        await repl.StandardInput.FlushAsync();
        await ChildProcessWaits.UntilAsync(() => Output().Contains("Nagato", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        Interrupt(repl);
        await ChildProcessWaits.UntilAsync(() => Output().Contains("Ctrl+C again", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.False(repl.HasExited);
        await repl.StandardInput.WriteLineAsync(":help");
        await repl.StandardInput.FlushAsync();
        await ChildProcessWaits.UntilAsync(() => Output().Contains(":sources", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        Interrupt(repl); // a line was entered since the last one: this one only clears again
        await ChildProcessWaits.UntilAsync(() => Output().Split("Ctrl+C again").Length == 3, TimeSpan.FromMinutes(1));
        Assert.False(repl.HasExited);
        Interrupt(repl);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await repl.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, repl.ExitCode);
    }

    [Fact]
    public async Task A_failing_reload_is_reported_and_the_session_goes_on()
    {
        using var host = new HostProcess();
        using var repl = host.Start("repl");
        var stdout = repl.StandardOutput.ReadToEndAsync();
        var stderr = repl.StandardError.ReadToEndAsync();
        await repl.StandardInput.WriteLineAsync("Where is Nagato?");
        await repl.StandardInput.FlushAsync();
        // The owner note is written once the first sync has read the folder list (and found no library file to import).
        await ChildProcessWaits.UntilAsync(() => File.Exists(host.DatabasePath + ".ingest-owner"), TimeSpan.FromMinutes(1));
        Directory.CreateDirectory(Path.Combine(host.WorkingDirectory, "data"));
        await File.WriteAllTextAsync(Path.Combine(host.WorkingDirectory, "data", "library.json"), "{ \"Folders\": [ ");
        await repl.StandardInput.WriteLineAsync(":reload");
        await repl.StandardInput.WriteLineAsync("Where is Nagato?");
        repl.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await repl.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        Assert.True(repl.ExitCode == 0, await stderr);
        Assert.Contains("Reload failed:", output, StringComparison.Ordinal);
        Assert.Contains("library.json", output, StringComparison.Ordinal);
        var failed = output.IndexOf("Reload failed:", StringComparison.Ordinal);
        Assert.Contains("Nagato", output[..failed], StringComparison.Ordinal);
        Assert.Contains("Nagato", output[(failed + output[failed..].IndexOf('\n', StringComparison.Ordinal))..], StringComparison.Ordinal); // answered after it too
    }

    [Fact]
    public async Task Help_and_sources_typed_without_the_colon_are_the_commands()
    {
        using var host = new HostProcess();
        using var repl = host.Start("repl");
        var stdout = repl.StandardOutput.ReadToEndAsync();
        var stderr = repl.StandardError.ReadToEndAsync();
        await repl.StandardInput.WriteLineAsync("sources");
        await repl.StandardInput.WriteLineAsync("help");
        repl.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await repl.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        Assert.True(repl.ExitCode == 0, await stderr);
        Assert.Contains("Putin and Abe Hold Second Round of Talks in Japan", output, StringComparison.Ordinal); // the article table
        Assert.Contains("I always quote the passage", output, StringComparison.Ordinal); // the help
        Assert.DoesNotContain("don't cover that", output, StringComparison.Ordinal); // neither was searched and declined
    }

    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
