using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// Keeps the in-memory BM25 index in step with the stored passages, whatever the database. Each call asks the store
/// for the passage generation; when it moved — here or in another process or replica — the index is loaded from its
/// saved snapshot, or rebuilt from the passages and saved, once, while other callers wait.
/// </summary>
public sealed class LexicalIndexCache(
    ILexicalIndexStore store,
    TermAnalyzer analyzer,
    ILogger<LexicalIndexCache> logger) : ILexicalIndexSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Bm25Index? _current;
    private long _loads;

    /// <summary>The index in memory now, or null before the first load (readiness and the index gauges read it; no I/O).</summary>
    public Bm25Index? Loaded => Volatile.Read(ref _current);

    /// <summary>How many times an index was loaded or rebuilt in this process (the first load included).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public async Task<Bm25Index> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        var generation = await store.GetPassageGenerationAsync(cancellationToken);
        if (_current is { } current && current.Generation == generation)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded && loaded.Generation == generation)
            {
                return loaded;
            }

            var clock = Stopwatch.StartNew();
            if (await store.LoadSnapshotAsync(generation, cancellationToken) is { } snapshot)
            {
                logger.LogInformation(
                    "BM25 index of {Passages} passages loaded in {Milliseconds:F0} ms", snapshot.PassageCount, clock.Elapsed.TotalMilliseconds);
                _current = snapshot;
            }
            else
            {
                var builder = new Bm25IndexBuilder(analyzer);
                var readAt = await store.ReadPassagesAsync(builder, cancellationToken);
                _current = builder.Build(readAt);
                await store.SaveSnapshotAsync(_current, cancellationToken);
                logger.LogInformation(
                    "BM25 index of {Passages} passages built in {Milliseconds:F0} ms", _current.PassageCount, clock.Elapsed.TotalMilliseconds);
            }

            Interlocked.Increment(ref _loads);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}
