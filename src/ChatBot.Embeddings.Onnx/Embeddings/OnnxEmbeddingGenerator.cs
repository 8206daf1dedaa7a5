using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using System.Numerics.Tensors;
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

    /// <summary>Whether <see cref="EncodeTokensAsync"/> can work: the model returns token states, not only sentence vectors.</summary>
    public bool ProvidesTokenStates => _manifest.Pooling != PoolingMode.None && _tokenizer is IPieceVocabulary;

    /// <summary>
    /// Pooled vectors and per-token states from one run of the model (late interaction needs both; running twice
    /// would double the cost of ingest and of every question).
    /// </summary>
    public async Task<IReadOnlyList<TokenEncoding>> EncodeTokensAsync(
        IReadOnlyList<string> texts,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!ProvidesTokenStates)
        {
            throw new NotSupportedException($"{_manifest.Name} returns sentence vectors only (pooling none or no piece vocabulary); it has no token states.");
        }

        var prefix = EmbeddingInputType.IsQuery(options) ? _manifest.QueryPrefix : _manifest.PassagePrefix;
        var array = texts.ToArray();
        return await Task.Run(() => Encode(array, prefix, cancellationToken), cancellationToken);
    }

    /// <summary>How many vocabulary pieces <paramref name="text"/> becomes, special tokens not counted.</summary>
    public int CountPieces(string text) => _tokenizer.Encode(text ?? string.Empty, int.MaxValue).Ids.Count - SpecialTokenCount;

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
        var (encoded, totalTokens) = Tokenize(texts, prefix);
        var vectors = new float[texts.Length][];
        RunInBatches(encoded, withTokens: false, (index, pooled, _) => vectors[index] = pooled, cancellationToken);
        var createdAt = _timeProvider.GetUtcNow();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(v => new Embedding<float>(v) { ModelId = _manifest.Name, CreatedAt = createdAt }))
        {
            Usage = new UsageDetails { InputTokenCount = totalTokens, TotalTokenCount = totalTokens },
        };
        return embeddings;
    }

    private TokenEncoding[] Encode(string[] texts, string prefix, CancellationToken cancellationToken)
    {
        var (encoded, _) = Tokenize(texts, prefix);
        var vocabulary = (IPieceVocabulary)_tokenizer;
        // The prefix's pieces follow [CLS]; an instruction says nothing about the question, so its tokens are dropped.
        var skip = 1 + (prefix.Length == 0 ? 0 : CountPieces(prefix));
        var results = new TokenEncoding[texts.Length];
        RunInBatches(encoded, withTokens: true, (index, pooled, states) =>
        {
            var ids = encoded[index].Ids;
            var first = Math.Min(skip, ids.Count - 1);
            var count = Math.Max(0, ids.Count - 1 - first);
            var dimensions = pooled.Length;
            var rows = new float[count * dimensions];
            var pieces = new string[count];
            for (var t = 0; t < count; t++)
            {
                var row = rows.AsSpan(t * dimensions, dimensions);
                states.Slice((first + t) * dimensions, dimensions).CopyTo(row);
                TensorPrimitives.Divide(row, Math.Max(TensorPrimitives.Norm<float>(row), 1e-12f), row);
                pieces[t] = vocabulary.PieceOf(ids[first + t]);
            }

            results[index] = new TokenEncoding(pooled, rows, pieces);
        }, cancellationToken);
        return results;
    }

    private (TokenizedText[] Encoded, long TotalTokens) Tokenize(string[] texts, string prefix)
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

        return (encoded, totalTokens);
    }

    /// <summary>Runs the texts in length-sorted batches and hands each one's pooled vector (and raw token states) back by index.</summary>
    private void RunInBatches(TokenizedText[] encoded, bool withTokens, RowResult onRow, CancellationToken cancellationToken)
    {
        // Grouping similar lengths keeps dynamic padding small; results go back to their original positions.
        var order = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Ids.Count).ToArray();
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray();
            RunBatch(batch.Select(i => encoded[i]).ToArray(), withTokens, (row, pooled, states) => onRow(batch[row], pooled, states), cancellationToken);
        }
    }

    private delegate void RowResult(int index, float[] pooled, ReadOnlySpan<float> tokenStates);

    private void RunBatch(TokenizedText[] batch, bool withTokens, RowResult onRow, CancellationToken cancellationToken)
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
        var data = output.GetTensorDataAsSpan<float>();
        var vectors = EmbeddingPooling.Pool(
            data, output.GetTensorTypeAndShape().Shape, mask, rows, tokens, _manifest.Pooling, _manifest.Normalize);
        if (vectors[0].Length != _manifest.Dimensions)
        {
            throw new InvalidOperationException($"{_manifest.Name} returned {vectors[0].Length}-dimensional vectors; its manifest says {_manifest.Dimensions}.");
        }

        var perRow = tokens * _manifest.Dimensions;
        for (var row = 0; row < rows; row++)
        {
            onRow(row, vectors[row], withTokens ? data.Slice(row * perRow, perRow) : default);
        }
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

    // [CLS] and [SEP]: what Encode adds around every text's pieces.
    private const int SpecialTokenCount = 2;

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
