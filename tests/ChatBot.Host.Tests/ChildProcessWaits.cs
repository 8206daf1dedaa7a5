using System.Diagnostics;

namespace ChatBot.Host.Tests;

/// <summary>What the real-process tests do with the host processes they start: wait for a condition, collect the output.</summary>
internal static class ChildProcessWaits
{
    /// <summary>Closes stdin and reads both streams to their end (the process then has exited or been killed).</summary>
    public static async Task<(string Stdout, string Stderr)> CollectAsync(Process process)
    {
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return (await stdout, await stderr);
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms; fails the test once <paramref name="limit"/> has passed.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "the condition never held");
            await Task.Delay(20);
        }
    }
}
