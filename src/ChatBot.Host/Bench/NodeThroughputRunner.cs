using System.Text.Json;

namespace ChatBot.Host.Bench;

/// <summary>
/// The Node side of the embedding comparison: scripts/bench/ort-throughput.mjs run by onnxruntime-node over the
/// batches the C# side built (written once to a temporary file, run once per round). Installs its one dependency
/// on first use.
/// </summary>
internal sealed class NodeThroughputRunner(string repoRoot)
{
    private string ScriptFolder => Path.Combine(repoRoot, "scripts", "bench");

    /// <summary>Writes the batches for the script; the caller deletes the returned file.</summary>
    public async Task<string> PrepareAsync(
        string modelPath, IReadOnlyList<(long[] Ids, long[] Mask, int Rows, int Columns)> batches,
        string idsName, string? maskName, string? tokenTypesName, string output, CancellationToken cancellationToken)
    {
        var input = Path.Combine(Path.GetTempPath(), $"chatbot-bench-batches-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new
        {
            model = modelPath,
            ids_name = idsName,
            mask_name = maskName,
            token_types_name = tokenTypesName,
            output,
            batches = batches.Select(b => new { rows = b.Rows, columns = b.Columns, ids = b.Ids, mask = b.Mask }),
        }), cancellationToken);
        return input;
    }

    /// <summary>Passages per second of one Node run, or null and the reason it could not run.</summary>
    public async Task<(double? PerSecond, string? Note)> RunAsync(string input, CancellationToken cancellationToken)
    {
        try
        {
            if (!Directory.Exists(Path.Combine(ScriptFolder, "node_modules", "onnxruntime-node")))
            {
                var (installed, installOutput) = await RunAsync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund"], cancellationToken);
                if (!installed)
                {
                    return (null, "npm install of onnxruntime-node failed: " + installOutput.Trim());
                }
            }

            var (ok, stdout) = await RunAsync("node", [Path.Combine(ScriptFolder, "ort-throughput.mjs"), input], cancellationToken);
            if (!ok)
            {
                return (null, "node run failed: " + stdout.Trim());
            }

            using var result = JsonDocument.Parse(stdout);
            return (result.RootElement.GetProperty("per_second").GetDouble(), null);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"node or npm is not available ({ex.Message})");
        }
    }

    private async Task<(bool Ok, string Output)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr, _) = await ChildProcess.RunAsync(file, arguments, ScriptFolder, cancellationToken: cancellationToken);
        return (exitCode == 0, exitCode == 0 ? stdout : stderr + stdout);
    }
}
