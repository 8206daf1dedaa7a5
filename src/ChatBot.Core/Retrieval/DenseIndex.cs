using ChatBot.Core.Answers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// The embedding model and the in-memory matrix of its passage vectors, loaded on first use and reloaded after an
/// ingest changes the vectors. Without a model it says so once in the log and retrieval stays lexical.
/// </summary>
public sealed class DenseIndex(
    IEmbeddingModelSource source,
    IPassageVectorStore store,
    IOptions<HybridOptions> options,
    ILogger<DenseIndex> logger)
    : IDenseThresholdSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _modelResolved;
    private EmbeddingModelHandle? _model;
    private PassageMatrix? _matrix;

    public double? MinSimilarity => _model?.MinSimilarity;

    /// <summary>
    /// The tag stored with every vector: the model id, plus "+title" when passages are embedded with their
    /// article title, since changing either must re-embed and nothing else should.
    /// </summary>
    public string VectorSetId(EmbeddingModelHandle model) => options.Value.EmbedArticleTitle ? model.ModelId + "+title" : model.ModelId;

    /// <summary>The model, or null (logged once with the reason) when none can be loaded.</summary>
    public async Task<EmbeddingModelHandle?> GetModelAsync(CancellationToken cancellationToken = default)
    {
        if (_modelResolved)
        {
            return _model;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_modelResolved)
            {
                var (model, reason) = await source.TryGetAsync(cancellationToken);
                if (model is null)
                {
                    logger.LogWarning("No embedding model ({Reason}); answering from BM25 full-text search only", reason);
                }
                else
                {
                    logger.LogInformation("Embedding model {Model} ({Dimensions} dimensions) loaded", model.ModelId, model.Dimensions);
                }

                _model = model;
                _modelResolved = true;
            }

            return _model;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Model and matrix together, or null without a model.</summary>
    public async Task<(EmbeddingModelHandle Model, PassageMatrix Matrix)?> GetAsync(CancellationToken cancellationToken = default)
    {
        var model = await GetModelAsync(cancellationToken);
        if (model is null)
        {
            return null;
        }

        var matrix = _matrix;
        if (matrix is null)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_matrix is null)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    _matrix = await store.LoadMatrixAsync(VectorSetId(model), model.Dimensions, cancellationToken);
                    logger.LogInformation("Loaded {Count} passage vectors in {Milliseconds:F0} ms", _matrix.Count, clock.Elapsed.TotalMilliseconds);
                }

                matrix = _matrix;
            }
            finally
            {
                _gate.Release();
            }
        }

        return (model, matrix);
    }

    /// <summary>Drops the loaded matrix so the next search reads the stored vectors again.</summary>
    public void Invalidate() => _matrix = null;
}
