using System.Runtime.CompilerServices;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// All passage vectors of one model in a single row-major float array (row i = passage <c>PassageIds[i]</c>, ids
/// ascending), so exact search is one pass of SIMD dot products over contiguous memory. Vectors are unit length,
/// so the dot product is the cosine similarity.
/// </summary>
public sealed class PassageMatrix
{
    /// <summary>
    /// Below this many floats one core scans faster than threads start; above it the scan is bound by memory
    /// bandwidth, which every core adds to (100k × 512 floats: ~20 ms on one core, ~12 ms on two).
    /// </summary>
    public const int ParallelThreshold = 4_000_000;

    private readonly long[] _passageIds;
    private readonly float[] _values;

    public PassageMatrix(long[] passageIds, float[] values, int dimensions)
    {
        if (dimensions <= 0 || values.Length != passageIds.Length * dimensions)
        {
            throw new ArgumentException("Matrix shape does not match its row ids.");
        }

        for (var row = 1; row < passageIds.Length; row++)
        {
            if (passageIds[row - 1] >= passageIds[row])
            {
                throw new ArgumentException("Passage ids must be ascending.", nameof(passageIds));
            }
        }

        _passageIds = passageIds;
        _values = values;
        Dimensions = dimensions;
    }

    public static PassageMatrix Empty(int dimensions) => new([], [], dimensions);

    public IReadOnlyList<long> PassageIds => _passageIds;

    public int Dimensions { get; }

    /// <summary>The vector store's generation when these vectors were read (see <see cref="IPassageVectorStore"/>).</summary>
    public long Generation { get; init; }

    public int Count => _passageIds.Length;

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Cosine similarity of the query with one passage, or null when the passage has no vector.</summary>
    public double? Similarity(long passageId, ReadOnlySpan<float> query)
    {
        var row = Array.BinarySearch(_passageIds, passageId);
        return row >= 0 ? DotProduct.Of(Row(row), query) : null;
    }

    /// <summary>The <paramref name="k"/> most similar rows, best first (exact search).</summary>
    public IReadOnlyList<(int Row, float Similarity)> TopK(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        }

        if (k <= 0 || Count == 0)
        {
            return [];
        }

        var parts = _values.Length >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, 8) : 1;
        if (parts == 1)
        {
            return ScanRange(query, 0, Count, k).TakeBestFirst();
        }

        // Each thread keeps its own top k over a slice; the best k of their union is the exact answer.
        var q = query.ToArray();
        var partials = new TopRows[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            partials[part] = ScanRange(q, (int)((long)Count * part / parts), (int)((long)Count * (part + 1) / parts), k));
        var merged = new TopRows(k);
        foreach (var partial in partials)
        {
            merged.Merge(partial);
        }

        return merged.TakeBestFirst();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TopRows ScanRange(ReadOnlySpan<float> query, int from, int to, int k)
    {
        var best = new TopRows(k);
        for (var row = from; row < to; row++)
        {
            best.Offer(row, DotProduct.Of(Row(row), query));
        }

        return best;
    }
}
