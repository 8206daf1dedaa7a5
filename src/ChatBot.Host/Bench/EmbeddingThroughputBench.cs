using System.Diagnostics;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Host.Bench;

/// <summary>
/// Our ONNX pipeline against onnxruntime-node on the same model file and the same padded token-id batches, so the
/// ratio compares inference engines and bindings, not tokenizers. Our full pipeline (tokenize, sort by length,
/// pad, infer, pool) is reported beside it. The two sides alternate for <see cref="Rounds"/> rounds and the
/// medians are compared, because on a small shared machine a single run of each mostly measures who was unlucky.
/// </summary>
internal sealed class EmbeddingThroughputBench(
    IEmbeddingModelSource source,
    IEnumerable<ITextTokenizerFactory> tokenizers,
    IOptions<OnnxEmbeddingOptions> options,
    ILogger<EmbeddingThroughputBench> logger)
{
    public const int BatchSize = 32;
    public const int Rounds = 3;

    public async Task<EmbeddingThroughput?> RunAsync(IReadOnlyList<string> texts, string repoRoot, CancellationToken cancellationToken)
    {
        var (model, reason) = await source.TryGetAsync(cancellationToken);
        if (model?.Generator.GetService<ModelManifest>() is not { } manifest)
        {
            logger.LogWarning("Embedding bench skipped: {Reason}", reason ?? "the model is not an ONNX model with a manifest");
            return null;
        }

        var tokenizer = tokenizers.Single(t => t.Kind == manifest.Tokenizer.Kind).Create(manifest);
        var batches = texts.Chunk(BatchSize).Select(chunk => Pad(chunk.Select(t => tokenizer.Encode(t, manifest.MaxTokens).Ids).ToList(), tokenizer.PaddingId)).ToList();

        using var session = OnnxSessions.Open(manifest.PathOf(manifest.ModelFile), options.Value.IntraOpThreads);
        var inputs = FedInputs.Of(manifest, session);
        Infer(session, batches[0], inputs, manifest.Output);
        await model.Generator.GenerateAsync(texts.Take(BatchSize), model.PassageOptions, cancellationToken);

        var node = new NodeThroughputRunner(repoRoot);
        var input = await node.PrepareAsync(manifest.PathOf(manifest.ModelFile), batches, inputs.InputIds, inputs.AttentionMask, inputs.TokenTypeIds, manifest.Output, cancellationToken);
        List<double> ours = [], pipeline = [], nodeRates = [];
        string? note = null;
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var batch in batches)
                {
                    Infer(session, batch, inputs, manifest.Output);
                }

                ours.Add(texts.Count / clock.Elapsed.TotalSeconds);
                clock.Restart();
                await model.Generator.GenerateAsync(texts, model.PassageOptions, cancellationToken);
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

    private static void Infer(InferenceSession session, (long[] Ids, long[] Mask, int Rows, int Columns) batch, FedInputs names, string output)
    {
        // Built the way OnnxEmbeddingGenerator builds its inputs.
        using var inputs = names.Create(batch.Ids, batch.Mask, batch.Rows, batch.Columns);
        using var runOptions = new RunOptions();
        using var outputs = inputs.Run(session, runOptions, output);
    }
}
