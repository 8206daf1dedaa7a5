using System.Diagnostics;
using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>The bot itself stays free of Semantic Kernel: not a dependency, and not loaded while it answers.</summary>
public sealed class HostIsolationTests
{
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "ChatBot.Host.dll");

    [Fact]
    public void The_hosts_dependency_manifest_has_no_semantic_kernel()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(HostDll, ".deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains(libraries, l => l.StartsWith("ChatBot.Core/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Microsoft.SemanticKernel", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, l => l.StartsWith("ChatBot.SemanticKernel", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Answering_a_question_loads_no_semantic_kernel_assembly()
    {
        using var directory = new TempDirectory();
        var record = directory.File("loaded.txt");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        start.ArgumentList.Add("ask");
        start.ArgumentList.Add("What did Matviyenko say about Kim Jong Un and denuclearization?");
        start.Environment["Library__SeedsPath"] = RepoPaths.Seeds;
        start.Environment["Embeddings__Model"] = "none";
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(HostIsolationTests).Assembly.Location;
        start.Environment[StartupHook.RecordFileVariable] = record;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("RFE/RL", await stdout, StringComparison.Ordinal);
        var loaded = await File.ReadAllLinesAsync(record);
        Assert.Contains("ChatBot.Core", loaded);   // the record is real: the answering code was loaded
        Assert.DoesNotContain(loaded, name => name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal));
        Assert.DoesNotContain("ChatBot.SemanticKernel", loaded);
    }
}
