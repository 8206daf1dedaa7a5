namespace ChatBot.Core.Retrieval;

/// <summary>
/// The <c>k</c> best-scoring rows offered so far, kept in a min-heap so each offer costs at most log k. On equal
/// scores the lower row wins, so the result does not depend on the order rows were offered in (or on threading).
/// </summary>
internal sealed class TopRows(int k)
{
    private readonly PriorityQueue<int, (float Score, int Row)> _heap = new(k + 1, WorstFirst.Instance);

    public void Offer(int row, float score)
    {
        if (_heap.Count < k)
        {
            _heap.Enqueue(row, (score, row));
        }
        else if (_heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((score, row), worst) > 0)
        {
            _heap.EnqueueDequeue(row, (score, row));
        }
    }

    /// <summary>Offers every row of <paramref name="other"/> (emptying it): the best k of a union of slices.</summary>
    public void Merge(TopRows other)
    {
        while (other._heap.TryDequeue(out var row, out var key))
        {
            Offer(row, key.Score);
        }
    }

    /// <summary>The rows best first; empties the collection.</summary>
    public (int Row, float Score)[] TakeBestFirst()
    {
        var result = new (int Row, float Score)[_heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            _heap.TryDequeue(out var row, out var key);
            result[i] = (row, key.Score);
        }

        return result;
    }

    /// <summary>Lower score first; on ties the higher row is the worse.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Row)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Row) x, (float Score, int Row) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Row.CompareTo(x.Row);
    }
}
