using System.Diagnostics;
using ChatBot.Core.Answers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// The embedding model and the in-memory matrix of its passage vectors, loaded on first use and reloaded whenever
/// the store's vector generation moves (an ingest here or in another process). Without a model it says so once in
/// the log and retrieval stays lexical.
/// </summary>
public sealed class DenseIndex(
    IEmbeddingModelSource source,
    IPassageVectorStore store,
    IOptions<HybridOptions> options,
    ILogger<DenseIndex> logger)
    : IDenseThresholdSource, IAnswerModelSource
{
    private readonly SemaphoreSlim _modelGate = new(1, 1);
    private readonly SemaphoreSlim _matrixGate = new(1, 1);
    private bool _modelResolved;
    private EmbeddingModelHandle? _model;
    private LoadedMatrix? _loaded;
    private long _loads;

    public double? MinSimilarity => _model?.MinSimilarity;

    /// <summary>The generation of the vector matrix in memory now, or null before one is loaded (readiness reads it; no I/O).</summary>
    public long? LoadedGeneration => Volatile.Read(ref _loaded)?.Matrix.Generation;

    /// <summary>How many times a vector matrix was loaded in this process (the first load included).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>Whether passages are embedded as "title. text" (their token states then start with the title's).</summary>
    public bool EmbedsArticleTitle => options.Value.EmbedArticleTitle;

    /// <summary>
    /// The tag stored with every vector: the model id, plus "+title" when passages are embedded with their
    /// article title, since changing either must re-embed and nothing else should.
    /// </summary>
    /// <remarks>"+tokens" marks sets stored with token states, so a library embedded before them is re-embedded once.</remarks>
    public string VectorSetId(EmbeddingModelHandle model) =>
        model.ModelId + (options.Value.EmbedArticleTitle ? "+title" : string.Empty) + (model.TokenEncoder is null ? string.Empty : "+tokens");

    /// <summary>The model, or null (logged once with the reason) when none can be loaded.</summary>
    public async Task<EmbeddingModelHandle?> GetModelAsync(CancellationToken cancellationToken = default)
    {
        if (_modelResolved)
        {
            return _model;
        }

        await _modelGate.WaitAsync(cancellationToken);
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
            _modelGate.Release();
        }
    }

    /// <summary>Model and matrix together, or null without a model.</summary>
    /// <remarks>
    /// Reading the matrix needs only the vector set's id, not the model's session, so while a model is still being
    /// opened the set of the newest stored vector is read beside it (the two are the bulk of a cold start). Once the
    /// model is known its own set is asked for, which is that read when the guess was right and a fresh one when
    /// it was not (the model changed since the last ingest).
    /// </remarks>
    public async Task<(EmbeddingModelHandle Model, PassageMatrix Matrix)?> GetAsync(CancellationToken cancellationToken = default)
    {
        var model = _loaded is null && !_modelResolved
            ? await GetModelWhileReadingLatestSetAsync(cancellationToken)
            : await GetModelAsync(cancellationToken);
        if (model is null)
        {
            _loaded = null;
            return null;
        }

        return (model, await GetMatrixAsync(VectorSetId(model), model.Dimensions, cancellationToken));
    }

    /// <summary>Opens the model with the newest stored vector's set read on another thread; abandons that read when there is no model.</summary>
    private async Task<EmbeddingModelHandle?> GetModelWhileReadingLatestSetAsync(CancellationToken cancellationToken)
    {
        using var guess = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Both the model source and SQLite do their work synchronously inside their async methods, hence Task.Run.
        var guessed = Task.Run(() => LoadLatestSetAsync(guess.Token), guess.Token);
        try
        {
            var model = await Task.Run(() => GetModelAsync(cancellationToken), cancellationToken);
            if (model is null)
            {
                await guess.CancelAsync();
            }

            return model;
        }
        catch
        {
            await guess.CancelAsync();
            throw;
        }
        finally
        {
            try
            {
                await guessed;
            }
            catch (OperationCanceledException) when (guess.IsCancellationRequested)
            {
            }
        }
    }

    private async Task LoadLatestSetAsync(CancellationToken cancellationToken)
    {
        if (await store.GetLatestVectorSetAsync(cancellationToken) is { } latest)
        {
            await GetMatrixAsync(latest.VectorSetId, latest.Dimensions, cancellationToken);
        }
    }

    private async Task<PassageMatrix> GetMatrixAsync(string vectorSet, int dimensions, CancellationToken cancellationToken)
    {
        var generation = await store.GetGenerationAsync(cancellationToken);
        if (_loaded is { } current && current.Matches(vectorSet, dimensions, generation))
        {
            return current.Matrix;
        }

        await _matrixGate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is not { } loaded || !loaded.Matches(vectorSet, dimensions, generation))
            {
                var clock = Stopwatch.StartNew();
                var matrix = await store.LoadMatrixAsync(vectorSet, dimensions, cancellationToken);
                logger.LogInformation("Loaded {Count} passage vectors of {VectorSet} in {Milliseconds:F0} ms", matrix.Count, vectorSet, clock.Elapsed.TotalMilliseconds);
                _loaded = loaded = new LoadedMatrix(vectorSet, matrix);
                Interlocked.Increment(ref _loads);
            }

            return loaded.Matrix;
        }
        finally
        {
            _matrixGate.Release();
        }
    }

    private sealed record LoadedMatrix(string VectorSet, PassageMatrix Matrix)
    {
        public bool Matches(string vectorSet, int dimensions, long generation) =>
            VectorSet == vectorSet && Matrix.Dimensions == dimensions && Matrix.Generation == generation;
    }
}
