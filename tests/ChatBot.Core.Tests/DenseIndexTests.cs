using ChatBot.Core.Retrieval;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

public sealed class DenseIndexTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A model source that answers only when the test releases it, like a model still being opened.</summary>
    private sealed class GatedModelSource : IEmbeddingModelSource
    {
        private readonly TaskCompletionSource<EmbeddingModelHandle?> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(EmbeddingModelHandle? model) => _release.SetResult(model);

        public async Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default)
        {
            var model = await _release.Task.WaitAsync(cancellationToken);
            return (model, model is null ? "test: no model" : null);
        }
    }

    /// <summary>Vectors in memory, one per passage as in the real store, recording which sets were read.</summary>
    private sealed class MemoryVectorStore : IPassageVectorStore
    {
        private readonly SortedDictionary<long, (string Set, float[] Vector)> _vectors = [];
        private readonly TaskCompletionSource<string> _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _generation;

        public List<string> SetsRead { get; } = [];

        public Task<string> FirstRead => _firstRead.Task;

        public void Put(string set, long passageId, params float[] vector)
        {
            _vectors[passageId] = (set, vector);
            _generation++;
        }

        public Task<IReadOnlyList<PassageToEmbed>> GetPassagesWithoutVectorsAsync(string modelId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task SaveVectorsAsync(string modelId, IReadOnlyList<(long PassageId, ReadOnlyMemory<float> Vector)> vectors, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> GetGenerationAsync(CancellationToken cancellationToken = default) => Task.FromResult(_generation);

        public Task<int> CountPassagesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_vectors.Count);

        public Task<StoredVectorSet?> GetLatestVectorSetAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(_vectors.Count == 0 ? null : new StoredVectorSet(_vectors.Last().Value.Set, _vectors.Last().Value.Vector.Length));

        public Task<PassageMatrix> LoadMatrixAsync(string modelId, int dimensions, CancellationToken cancellationToken = default)
        {
            lock (SetsRead)
            {
                SetsRead.Add(modelId);
            }

            _firstRead.TrySetResult(modelId);
            var rows = _vectors.Where(v => v.Value.Set == modelId && v.Value.Vector.Length == dimensions).ToList();
            return Task.FromResult(new PassageMatrix(
                rows.Select(r => r.Key).ToArray(), rows.SelectMany(r => r.Value.Vector).ToArray(), dimensions) { Generation = _generation });
        }
    }

    private static EmbeddingModelHandle Model(string id) =>
        new(new KeywordEmbeddingGenerator([["a"], ["b"]]), id, 3, 0.5, null, null);

    private static DenseIndex Index(IEmbeddingModelSource source, IPassageVectorStore store) =>
        new(source, store, Options.Create(new HybridOptions { EmbedArticleTitle = false }), NullLogger<DenseIndex>.Instance);

    /// <summary>Starts a load, lets the model "open" only once the store has been read, and returns the result.</summary>
    private static async Task<(EmbeddingModelHandle Model, PassageMatrix Matrix)?> LoadReleasingModelAfterFirstReadAsync(
        MemoryVectorStore store, EmbeddingModelHandle? model)
    {
        var source = new GatedModelSource();
        var loading = Index(source, store).GetAsync();
        await store.FirstRead.WaitAsync(Patience);
        Assert.False(loading.IsCompleted);
        source.Release(model);
        return await loading.WaitAsync(Patience);
    }

    [Fact]
    public async Task The_matrix_is_read_while_the_model_is_still_opening()
    {
        var store = new MemoryVectorStore();
        store.Put("m@1", 1, 1, 0, 0);
        store.Put("m@1", 2, 0, 1, 0);

        var loaded = await LoadReleasingModelAfterFirstReadAsync(store, Model("m@1"));

        Assert.NotNull(loaded);
        Assert.Equal([1L, 2L], loaded.Value.Matrix.PassageIds.ToArray());
        Assert.Equal(["m@1"], store.SetsRead);
    }

    [Fact]
    public async Task A_guess_from_another_model_is_replaced_by_the_model_s_own_vectors()
    {
        var store = new MemoryVectorStore();
        store.Put("new@2", 1, 1, 0, 0);
        store.Put("old@1", 2, 0, 1, 0);

        var loaded = await LoadReleasingModelAfterFirstReadAsync(store, Model("new@2"));

        Assert.NotNull(loaded);
        Assert.Equal([1L], loaded.Value.Matrix.PassageIds.ToArray());
        Assert.Equal(["old@1", "new@2"], store.SetsRead);
    }

    [Fact]
    public async Task Without_a_model_there_is_no_matrix_even_when_one_was_guessed()
    {
        var store = new MemoryVectorStore();
        store.Put("m@1", 1, 1, 0, 0);

        Assert.Null(await LoadReleasingModelAfterFirstReadAsync(store, null));
    }

    [Fact]
    public async Task The_matrix_is_read_again_only_when_the_vectors_change()
    {
        var store = new MemoryVectorStore();
        store.Put("m@1", 1, 1, 0, 0);
        var source = new GatedModelSource();
        source.Release(Model("m@1"));
        var index = Index(source, store);

        await index.GetAsync();
        await index.GetAsync();
        Assert.Single(store.SetsRead);

        store.Put("m@1", 2, 0, 1, 0);
        var loaded = await index.GetAsync();

        Assert.Equal(2, store.SetsRead.Count);
        Assert.Equal(2, loaded!.Value.Matrix.Count);
    }
}
