using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>
/// Local text embeddings with an ONNX model: tokenize, batch with dynamic padding (each batch is padded only to
/// its longest text; texts are grouped by length so little padding is needed), run the shared session, pool,
/// normalise. One instance serves concurrent callers. Over-long texts are truncated to the model's limit with
/// a logged warning. Queries vs passages: see <see cref="EmbeddingInputType"/>. Owns (and disposes) the session.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly InferenceSession _session;
    private readonly InferenceSession? _singleTextSession;
    private readonly ITextTokenizer _tokenizer;
    private readonly ModelManifest _manifest;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly FedInputs _inputs;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private int _disposed;

    public OnnxEmbeddingGenerator(
        InferenceSession session,
        ITextTokenizer tokenizer,
        ModelManifest manifest,
        int batchSize = 32,
        ILogger<OnnxEmbeddingGenerator>? logger = null,
        TimeProvider? timeProvider = null,
        InferenceSession? singleTextSession = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        RequireName(session.InputMetadata.Keys.ToArray(), manifest.Inputs.InputIds, "input", "inputs.input_ids", manifest);
        RequireName(session.OutputMetadata.Keys.ToArray(), manifest.Output, "output", "output", manifest);
        _session = session;
        // One-text runs (questions) go to their own single-threaded session when given: ONNX Runtime's worker
        // threads keep spinning for a while after a run, and the dense scan that follows a question needs both
        // cores (measured at 100k passages: scan 18 ms after a two-thread run, 12 ms after a one-thread run).
        _singleTextSession = singleTextSession;
        _tokenizer = tokenizer;
        _manifest = manifest;
        _batchSize = batchSize;
        _logger = logger ?? NullLogger<OnnxEmbeddingGenerator>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _inputs = FedInputs.Of(manifest, session);
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, manifest.Name, manifest.Dimensions);
    }

    public ModelManifest Manifest => _manifest;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        if (options?.Dimensions is { } dimensions && dimensions != _manifest.Dimensions)
        {
            throw new ArgumentException($"{_manifest.Name} produces {_manifest.Dimensions}-dimensional vectors, not {dimensions}.", nameof(options));
        }

        var prefix = EmbeddingInputType.IsQuery(options) ? _manifest.QueryPrefix : _manifest.PassagePrefix;
        // Inference is CPU-bound and blocking; keep it off the caller's (possibly UI/IO) thread.
        return await Task.Run(() => Generate(texts, prefix, cancellationToken), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(ModelManifest))
        {
            return _manifest;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // Idempotent: a container that hands this generator out (a factory registration) disposes it, and so does the
    // set-up that owns it.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _session.Dispose();
        _singleTextSession?.Dispose();
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(string[] texts, string prefix, CancellationToken cancellationToken)
    {
        var encoded = new TokenizedText[texts.Length];
        long totalTokens = 0;
        var truncated = 0;
        var firstTruncated = -1;
        for (var i = 0; i < texts.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(texts[i], nameof(texts));
            encoded[i] = _tokenizer.Encode(prefix + texts[i], _manifest.MaxTokens);
            totalTokens += encoded[i].Ids.Count;
            if (encoded[i].Truncated)
            {
                truncated++;
                firstTruncated = firstTruncated < 0 ? i : firstTruncated;
            }
        }

        // One line per call, not per text: a large ingest would otherwise bury everything else in the log.
        if (truncated > 0)
        {
            _logger.LogWarning(
                "{Truncated} of {Count} texts exceed the {MaxTokens} tokens {Model} takes; only their start was embedded. First: text {Index}, {Tokens} tokens, \"{Start}…\"",
                truncated, texts.Length, _manifest.MaxTokens, _manifest.Name,
                firstTruncated, encoded[firstTruncated].UntruncatedLength, Preview(texts[firstTruncated]));
        }

        // Grouping similar lengths keeps dynamic padding small; results go back to their original positions.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => encoded[i].Ids.Count).ToArray();
        var vectors = new float[texts.Length][];
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray();
            var pooled = RunBatch(batch.Select(i => encoded[i]).ToArray(), cancellationToken);
            for (var row = 0; row < batch.Length; row++)
            {
                vectors[batch[row]] = pooled[row];
            }
        }

        var createdAt = _timeProvider.GetUtcNow();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(v => new Embedding<float>(v) { ModelId = _manifest.Name, CreatedAt = createdAt }))
        {
            Usage = new UsageDetails { InputTokenCount = totalTokens, TotalTokenCount = totalTokens },
        };
        return embeddings;
    }

    private float[][] RunBatch(TokenizedText[] batch, CancellationToken cancellationToken)
    {
        var rows = batch.Length;
        var tokens = batch.Max(t => t.Ids.Count);
        var ids = new long[rows * tokens];
        var mask = new long[rows * tokens];
        for (var row = 0; row < rows; row++)
        {
            var rowIds = batch[row].Ids;
            for (var t = 0; t < tokens; t++)
            {
                var real = t < rowIds.Count;
                ids[row * tokens + t] = real ? rowIds[t] : _tokenizer.PaddingId;
                mask[row * tokens + t] = real ? 1 : 0;
            }
        }

        using var inputs = _inputs.Create(ids, mask, rows, tokens);
        var session = rows == 1 && _singleTextSession is not null ? _singleTextSession : _session;
        using var outputs = Run(session, inputs, cancellationToken);
        var output = outputs[0];
        var vectors = EmbeddingPooling.Pool(
            output.GetTensorDataAsSpan<float>(), output.GetTensorTypeAndShape().Shape, mask, rows, tokens, _manifest.Pooling, _manifest.Normalize);
        if (vectors[0].Length != _manifest.Dimensions)
        {
            throw new InvalidOperationException($"{_manifest.Name} returned {vectors[0].Length}-dimensional vectors; its manifest says {_manifest.Dimensions}.");
        }

        return vectors;
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, BatchInputs inputs, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        // Cancelling asks ONNX Runtime to stop the run between operators; Run then throws, reported as cancellation.
        // The registration is disposed (waiting for a running callback) before the run options it touches.
        using (cancellationToken.Register(() => runOptions.Terminate = true))
        {
            try
            {
                return inputs.Run(session, runOptions, _manifest.Output);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    private static string Preview(string text) => text.Length <= 60 ? text : text[..60];

    private static void RequireName(IReadOnlyList<string> names, string name, string kind, string field, ModelManifest manifest)
    {
        if (!names.Contains(name))
        {
            throw new ModelManifestException(
                $"{manifest.Name}: manifest field '{field}' names {kind} '{name}', but the model's {kind}s are: {string.Join(", ", names)}.");
        }
    }
}
