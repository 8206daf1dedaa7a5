using System.Diagnostics;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Bench;

/// <summary>
/// Our ONNX pipeline against onnxruntime-node on the same model file and the same padded token-id batches, so the
/// ratio compares inference engines and bindings, not tokenizers. Our full pipeline (tokenize, sort by length,
/// pad, infer, pool) is reported beside it. The two sides alternate for <see cref="Rounds"/> rounds and the
/// medians are compared, because on a small shared machine a single run of each mostly measures who was unlucky.
/// </summary>
internal sealed class EmbeddingThroughputBench(
    IEmbeddingModelProvider provider,
    IEnumerable<ITextTokenizerFactory> tokenizers,
    IOptions<OnnxEmbeddingOptions> options,
    ILogger<EmbeddingThroughputBench> logger)
{
    public const int BatchSize = 32;
    public const int Rounds = 3;

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
        await availability.Generator.GenerateAsync(texts.Take(BatchSize), cancellationToken: cancellationToken);

        var node = new NodeThroughputRunner(repoRoot);
        var input = await node.PrepareAsync(manifest.PathOf(manifest.ModelFile), batches, manifest.Inputs.InputIds, manifest.Inputs.AttentionMask, manifest.Output, cancellationToken);
        List<double> ours = [], pipeline = [], nodeRates = [];
        string? note = null;
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var batch in batches)
                {
                    Infer(session, batch, manifest.Inputs.InputIds, manifest.Inputs.AttentionMask, manifest.Output);
                }

                ours.Add(texts.Count / clock.Elapsed.TotalSeconds);
                clock.Restart();
                await availability.Generator.GenerateAsync(texts, cancellationToken: cancellationToken);
                pipeline.Add(texts.Count / clock.Elapsed.TotalSeconds);
                if (note is null)
                {
                    var (rate, problem) = await node.RunAsync(input, cancellationToken);
                    if (rate is { } r)
                    {
                        nodeRates.Add(r);
                    }

                    note = problem;
                }
            }
        }
        finally
        {
            File.Delete(input);
        }

        var oursMedian = Percentiles.Of(ours).P50;
        var pipelineMedian = Percentiles.Of(pipeline).P50;
        double? nodeMedian = nodeRates.Count > 0 ? Percentiles.Of(nodeRates).P50 : null;
        return new EmbeddingThroughput(
            manifest.Name, texts.Count, BatchSize, Rounds, oursMedian, pipelineMedian, nodeMedian,
            nodeMedian is > 0 ? oursMedian / nodeMedian : null, nodeMedian is > 0 ? pipelineMedian / nodeMedian : null, note);
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
}
