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
    /// Below this many floats one core scans every row exactly faster than anything else; above it the scan is bound
    /// by memory bandwidth (100k × 384 floats: ~10 ms on two cores) and runs on every core, and an int8 first pass
    /// picks the rows to score exactly once its copy is made.
    /// </summary>
    public const int ParallelThreshold = 4_000_000;

    /// <summary>
    /// How many rows the int8 first pass hands to exact scoring per row asked for (and at least
    /// <see cref="MinRescored"/>). Its scores are off by a few thousandths, so the exact top k sits well inside.
    /// </summary>
    public const int RescoredPerResult = 16;

    public const int MinRescored = 512;

    private readonly long[] _passageIds;
    private readonly float[] _values;
    private readonly Lazy<Task<Int8Rows>> _int8;
    private readonly Lazy<float[]> _mean;

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
        _int8 = new(() => Task.Run(() => Int8Rows.Quantize(values, dimensions)));
        _mean = new(MeanRow);
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

    /// <summary>
    /// The query's mean cosine similarity over every passage (one dot product with the mean row, made once per
    /// matrix): how close the whole library is to the question, so a best match can be judged against it.
    /// </summary>
    public double MeanSimilarity(ReadOnlySpan<float> query) => Count == 0 ? 0 : DotProduct.Of(_mean.Value, query);

    private float[] MeanRow()
    {
        var mean = new float[Dimensions];
        for (var row = 0; row < Count; row++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, Row(row), mean);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(mean, Math.Max(Count, 1), mean);
        return mean;
    }

    /// <summary>
    /// The <paramref name="k"/> most similar rows, best first, with exact similarities: an exact scan for matrices
    /// under <see cref="ParallelThreshold"/> floats, above it an int8 shortlist scored exactly (an exact scan on every
    /// core until the int8 copy is made).
    /// </summary>
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

        if (_values.Length < ParallelThreshold)
        {
            return ScanRange(query, 0, Count, k).TakeBestFirst();
        }

        if (Int8Copy() is not { } int8)
        {
            return ScanInParallel(query, k);
        }

        // The float scan over 100k × 384 reads 154 MB per question (~10 ms on two cores, bound by memory bandwidth);
        // the int8 pass reads 38 MB and the rows it picks are scored exactly, so every similarity returned is the
        // float one. A row of the exact top k is missed only if its int8 score errs by more than the gap between it
        // and the shortlist's last row (the errors are a few thousandths; see Int8Rows).
        var shortlist = Shortlist(int8, int8.QuantizeQuery(query), Math.Min(Count, Math.Max(k * RescoredPerResult, MinRescored)));
        var exact = new TopRows(k);
        foreach (var (row, _) in shortlist)
        {
            exact.Offer(row, DotProduct.Of(Row(row), query));
        }

        return exact.TakeBestFirst();
    }

    /// <summary>Completes when the int8 copy of a large matrix is made (it starts with the first search); for tests.</summary>
    internal Task WhenInt8CopyIsReadyAsync() => _int8.Value;

    /// <summary>
    /// The int8 copy when it is ready, else null. It is made in the background, started by the first search rather
    /// than at load: at 100k × 384 it takes ~65 ms of both cores, which a cold start would otherwise pay before its
    /// first answer (that one, and any asked while the copy is made, scan the floats).
    /// </summary>
    private Int8Rows? Int8Copy() => _int8.Value is { IsCompletedSuccessfully: true } made ? made.Result : null;

    /// <summary>Each core keeps its own top k over a slice of the float rows; the best k of their union is exact.</summary>
    private (int Row, float Score)[] ScanInParallel(ReadOnlySpan<float> query, int k)
    {
        var q = query.ToArray();
        return BestOnEveryCore(k, (from, to) => ScanRange(q, from, to, k));
    }

    /// <summary>The <paramref name="size"/> best rows by the int8 score, each core over its own slice.</summary>
    private (int Row, float Score)[] Shortlist(Int8Rows int8, short[] query, int size) =>
        BestOnEveryCore(size, (from, to) => ScanInt8Range(int8, query, from, to, size));

    /// <summary>Splits the rows into one slice per core (at most 8), scans them side by side, keeps the best of their union.</summary>
    private (int Row, float Score)[] BestOnEveryCore(int size, Func<int, int, TopRows> scanSlice)
    {
        var parts = Math.Min(Environment.ProcessorCount, 8);
        var partials = new TopRows[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            partials[part] = scanSlice((int)((long)Count * part / parts), (int)((long)Count * (part + 1) / parts)));
        var merged = new TopRows(size);
        foreach (var partial in partials)
        {
            merged.Merge(partial);
        }

        return merged.TakeBestFirst();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TopRows ScanInt8Range(Int8Rows int8, short[] query, int from, int to, int size)
    {
        var best = new TopRows(size);
        for (var row = from; row < to; row++)
        {
            best.Offer(row, int8.ApproximateScore(row, query));
        }

        return best;
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
