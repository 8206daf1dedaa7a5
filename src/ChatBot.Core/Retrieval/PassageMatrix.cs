using System.Numerics.Tensors;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// All passage vectors of one model in a single row-major float array (row i = passage <c>PassageIds[i]</c>), so
/// exact search is one pass of SIMD dot products over contiguous memory. Vectors are unit length, so the dot
/// product is the cosine similarity.
/// </summary>
public sealed class PassageMatrix
{
    private readonly float[] _values;
    private readonly Dictionary<long, int> _rowOf;

    public PassageMatrix(long[] passageIds, string[] articleIds, float[] values, int dimensions)
    {
        if (passageIds.Length != articleIds.Length || values.Length != passageIds.Length * dimensions)
        {
            throw new ArgumentException("Matrix shape does not match its row ids.");
        }

        PassageIds = passageIds;
        ArticleIds = articleIds;
        _values = values;
        Dimensions = dimensions;
        _rowOf = new Dictionary<long, int>(passageIds.Length);
        for (var row = 0; row < passageIds.Length; row++)
        {
            _rowOf[passageIds[row]] = row;
        }
    }

    public static PassageMatrix Empty(int dimensions) => new([], [], [], dimensions);

    public IReadOnlyList<long> PassageIds { get; }

    public IReadOnlyList<string> ArticleIds { get; }

    public int Dimensions { get; }

    public int Count => PassageIds.Count;

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Cosine similarity of the query with one passage, or null when the passage has no vector.</summary>
    public double? Similarity(long passageId, ReadOnlySpan<float> query) =>
        _rowOf.TryGetValue(passageId, out var row) ? TensorPrimitives.Dot(Row(row), query) : null;

    /// <summary>The <paramref name="k"/> most similar rows, best first (exact search).</summary>
    public IReadOnlyList<(int Row, float Similarity)> TopK(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        }

        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < Count; row++)
        {
            var similarity = TensorPrimitives.Dot(Row(row), query);
            if (best.Count < k)
            {
                best.Enqueue(row, similarity);
            }
            else if (best.TryPeek(out _, out var worst) && similarity > worst)
            {
                best.EnqueueDequeue(row, similarity);
            }
        }

        var result = new (int Row, float Similarity)[best.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var similarity);
            result[i] = (row, similarity);
        }

        return result;
    }
}
