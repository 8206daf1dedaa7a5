using System.Diagnostics;
using System.Text.Json;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Bench;

/// <summary>
/// Our ONNX pipeline against onnxruntime-node on the same model file and the same padded token-id batches, so the
/// ratio compares inference engines and bindings, not tokenizers. Our full pipeline (tokenize, pad, infer, pool)
/// is reported beside it.
/// </summary>
internal sealed class EmbeddingThroughputBench(
    IEmbeddingModelProvider provider,
    IEnumerable<ITextTokenizerFactory> tokenizers,
    IOptions<OnnxEmbeddingOptions> options,
    ILogger<EmbeddingThroughputBench> logger)
{
    public const int BatchSize = 32;

    public async Task<EmbeddingThroughput?> RunAsync(IReadOnlyList<string> texts, string repoRoot, CancellationToken cancellationToken)
    {
        var availability = await provider.TryGetAsync(cancellationToken);
        if (!availability.IsAvailable)
        {
            logger.LogWarning("Embedding bench skipped: {Reason}", availability.Reason);
            return null;
        }

        var manifest = availability.Manifest;
        var tokenizer = tokenizers.Single(t => t.Kind == manifest.Tokenizer.Kind).Create(manifest);
        var batches = texts.Chunk(BatchSize).Select(chunk => Pad(chunk.Select(t => tokenizer.Encode(t, manifest.MaxTokens).Ids).ToList(), tokenizer.PaddingId)).ToList();

        var libraryPath = await OnnxRuntimeInstaller.LocateOrInstallAsync(options.Value.RuntimePath, options.Value.FetchRuntime, logger, cancellationToken: cancellationToken);
        using var runtime = OnnxRuntimeLibrary.Load(libraryPath);
        using var session = runtime.OpenSession(manifest.PathOf(manifest.ModelFile), new OnnxSessionSettings { IntraOpThreads = options.Value.IntraOpThreads });
        Infer(session, batches[0], manifest.Inputs.InputIds, manifest.Inputs.AttentionMask, manifest.Output);
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            Infer(session, batch, manifest.Inputs.InputIds, manifest.Inputs.AttentionMask, manifest.Output);
        }

        var ours = texts.Count / clock.Elapsed.TotalSeconds;

        await availability.Generator.GenerateAsync(texts.Take(BatchSize), cancellationToken: cancellationToken);
        clock.Restart();
        await availability.Generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        var pipeline = texts.Count / clock.Elapsed.TotalSeconds;

        var (node, note) = await NodeAsync(repoRoot, manifest.PathOf(manifest.ModelFile), batches, manifest.Inputs.InputIds, manifest.Inputs.AttentionMask, manifest.Output, cancellationToken);
        return new EmbeddingThroughput(manifest.Name, texts.Count, BatchSize, ours, pipeline, node, node is > 0 ? ours / node : null, note);
    }

    private static (long[] Ids, long[] Mask, int Rows, int Columns) Pad(IReadOnlyList<IReadOnlyList<long>> sequences, long paddingId)
    {
        var columns = Math.Max(1, sequences.Max(s => s.Count));
        var ids = new long[sequences.Count * columns];
        var mask = new long[ids.Length];
        Array.Fill(ids, paddingId);
        for (var row = 0; row < sequences.Count; row++)
        {
            for (var column = 0; column < sequences[row].Count; column++)
            {
                ids[(row * columns) + column] = sequences[row][column];
                mask[(row * columns) + column] = 1;
            }
        }

        return (ids, mask, sequences.Count, columns);
    }

    private static void Infer(OnnxInferenceSession session, (long[] Ids, long[] Mask, int Rows, int Columns) batch, string idsName, string? maskName, string output)
    {
        var inputs = new List<OnnxTensor> { OnnxTensor.FromInt64(idsName, batch.Ids, batch.Rows, batch.Columns) };
        if (maskName is not null)
        {
            inputs.Add(OnnxTensor.FromInt64(maskName, batch.Mask, batch.Rows, batch.Columns));
        }

        session.Run(inputs, [output]);
    }

    /// <summary>Runs scripts/bench/ort-throughput.mjs on the same batches; installs its one dependency on first use.</summary>
    private async Task<(double? PerSecond, string? Note)> NodeAsync(
        string repoRoot, string modelPath, IReadOnlyList<(long[] Ids, long[] Mask, int Rows, int Columns)> batches,
        string idsName, string? maskName, string output, CancellationToken cancellationToken)
    {
        var scriptFolder = Path.Combine(repoRoot, "scripts", "bench");
        var input = Path.Combine(Path.GetTempPath(), $"chatbot-bench-batches-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new
        {
            model = modelPath,
            ids_name = idsName,
            mask_name = maskName,
            output,
            batches = batches.Select(b => new { rows = b.Rows, columns = b.Columns, ids = b.Ids, mask = b.Mask }),
        }), cancellationToken);
        try
        {
            if (!Directory.Exists(Path.Combine(scriptFolder, "node_modules", "onnxruntime-node")))
            {
                var (installed, installOutput) = await RunAsync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund"], scriptFolder, cancellationToken);
                if (!installed)
                {
                    return (null, "npm install of onnxruntime-node failed: " + installOutput.Trim());
                }
            }

            var (ok, stdout) = await RunAsync("node", [Path.Combine(scriptFolder, "ort-throughput.mjs"), input], scriptFolder, cancellationToken);
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
        finally
        {
            File.Delete(input);
        }
    }

    private static async Task<(bool Ok, string Output)> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr, _) = await ChildProcess.RunAsync(file, arguments, workingDirectory, cancellationToken: cancellationToken);
        return (exitCode == 0, exitCode == 0 ? stdout : stderr + stdout);
    }
}
