using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Tests;

public sealed class PassageMatrixTests
{
    [Fact]
    public void Top_k_is_exact_and_best_first()
    {
        var random = new Random(7);
        const int rows = 500, dims = 16;
        var values = new float[rows * dims];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        var matrix = new PassageMatrix(Enumerable.Range(0, rows).Select(i => (long)i + 1000).ToArray(), values, dims);
        var query = Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        var top = matrix.TopK(query, 10);

        var expected = Enumerable.Range(0, rows)
            .Select(r => (Row: r, Score: Enumerable.Range(0, dims).Sum(d => (double)values[(r * dims) + d] * query[d])))
            .OrderByDescending(x => x.Score)
            .Take(10)
            .Select(x => x.Row);
        Assert.Equal(expected, top.Select(t => t.Row));
        Assert.Equal(top[0].Similarity, matrix.Similarity(1000 + top[0].Row, query)!.Value, 4);
        Assert.Null(matrix.Similarity(5, query));
    }

    [Fact]
    public void Shape_mismatch_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PassageMatrix([1, 2], new float[5], 2));
        Assert.Throws<ArgumentException>(() => new PassageMatrix([2, 1], new float[4], 2));
        Assert.Throws<ArgumentException>(() => PassageMatrix.Empty(3).TopK(new float[2], 1));
    }

    [Fact]
    public void Large_matrices_scanned_in_parallel_give_the_single_threaded_answer()
    {
        var random = new Random(11);
        const int dims = 64;
        var rows = (PassageMatrix.ParallelThreshold / dims) + 1001;
        var values = new float[rows * dims];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)Math.Round(random.NextDouble() - 0.5, 1); // coarse values: many exact ties
        }

        var matrix = new PassageMatrix(Enumerable.Range(0, rows).Select(i => (long)i).ToArray(), values, dims);
        var query = Enumerable.Range(0, dims).Select(_ => (float)Math.Round(random.NextDouble() - 0.5, 1)).ToArray();

        var top = matrix.TopK(query, 50);

        var expected = Enumerable.Range(0, rows)
            .Select(r => (Row: r, Score: DotProduct.Of(matrix.Row(r), query)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Row)
            .Take(50)
            .Select(x => x.Row);
        Assert.Equal(expected, top.Select(t => t.Row));
    }

    [Fact]
    public async Task The_int8_shortlist_of_a_large_matrix_returns_the_exact_top_k_and_exact_similarities()
    {
        // Unit vectors around a few shared directions, like a corpus about one topic: many rows score close together.
        var random = new Random(3);
        const int dims = 384;
        var rows = (PassageMatrix.ParallelThreshold / dims) + 2_000;
        var topics = Enumerable.Range(0, 8).Select(_ => RandomUnit(random, dims)).ToArray();
        var values = new float[rows * dims];
        for (var row = 0; row < rows; row++)
        {
            var topic = topics[row % topics.Length];
            var noise = RandomUnit(random, dims);
            var vector = topic.Zip(noise, (t, n) => (0.8f * t) + (0.6f * n)).ToArray();
            Normalize(vector).CopyTo(values, row * dims);
        }

        var matrix = new PassageMatrix(Enumerable.Range(0, rows).Select(i => (long)i).ToArray(), values, dims);
        await matrix.WhenInt8CopyIsReadyAsync();
        for (var q = 0; q < 20; q++)
        {
            var query = Normalize(topics[q % topics.Length].Zip(RandomUnit(random, dims), (t, n) => (0.7f * t) + (0.7f * n)).ToArray());

            var top = matrix.TopK(query, 20);

            var expected = Enumerable.Range(0, rows)
                .Select(r => (Row: r, Score: DotProduct.Of(matrix.Row(r), query)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Row)
                .Take(20)
                .ToList();
            Assert.Equal(expected.Select(x => x.Row), top.Select(t => t.Row));
            Assert.Equal(expected.Select(x => x.Score), top.Select(t => t.Similarity));
        }
    }

    private static float[] RandomUnit(Random random, int dims) =>
        Normalize(Enumerable.Range(0, dims).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray());

    private static float[] Normalize(float[] vector)
    {
        var length = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / length).ToArray();
    }
}
