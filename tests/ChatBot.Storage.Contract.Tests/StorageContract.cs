using System.Diagnostics;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Coordination;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>
/// What every store promises through the storage ports, written once. Each provider runs it through a subclass that
/// says how to reach a fresh, empty store of its kind; nothing here knows which one it is talking to.
/// </summary>
public abstract partial class StorageContract : IAsyncLifetime
{
    private readonly List<StoreInstance> _instances = [];

    /// <summary>The settings of one fresh, empty store (the same for every instance a test opens).</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>
    /// Whether two instances (processes, replicas) may have the store open at once. When false the second is refused,
    /// and "another instance" means the next process, after the first has stopped.
    /// </summary>
    protected abstract bool InstancesShareTheStore { get; }

    protected abstract IServiceCollection AddStorage(IServiceCollection services, IConfiguration configuration);

    protected StoreInstance Open()
    {
        var instance = StoreInstance.Create(Settings, AddStorage);
        _instances.Add(instance);
        return instance;
    }

    protected static async Task CloseAsync(StoreInstance instance) => await instance.DisposeAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Articles_and_passages_round_trip_with_every_metadata_field()
    {
        var store = Open();
        var articles = store.Get<IArticleStore>();
        var full = SampleArticles.Full();
        var bare = SampleArticles.Bare();

        await articles.ReplaceAsync(full, "1234:638400000000000000");
        await articles.ReplaceAsync(bare);

        var stored = await articles.GetStoredArticlesAsync();
        Assert.Equal(["100_full", "200_bare"], stored.Select(a => a.Metadata.Id));
        Assert.Equal(full.Metadata, stored[0].Metadata);
        Assert.Equal(full.Warnings, stored[0].Warnings);
        Assert.Equal(full.Passages.Count, stored[0].PassageCount);
        Assert.Equal(full.Folder, stored[0].Folder);
        Assert.Equal(bare.Metadata, stored[1].Metadata);
        Assert.Empty(stored[1].Warnings);
        Assert.Equal(string.Empty, stored[1].Folder);
        Assert.Equal(stored.Select(a => a.Metadata), await store.Get<IArticleCatalog>().GetArticlesAsync());

        var states = await articles.GetSourceStatesAsync();
        Assert.Equal(new StoredSourceState(full.ContentHash, "1234:638400000000000000", full.Folder), states["100_full"]);
        Assert.Equal(new StoredSourceState(bare.ContentHash, null, string.Empty), states["200_bare"]);

        // Passages come back in id order, which is the order they were written in.
        var passages = await store.Get<IPassageVectorStore>().GetPassagesWithoutVectorsAsync("any-model");
        Assert.Equal(full.Passages.Concat(bare.Passages).Select(p => p.Text), passages.Select(p => p.Text));
        Assert.Equal(Enumerable.Repeat(full.Metadata.Title, 3).Append(bare.Metadata.Title), passages.Select(p => p.ArticleTitle));
        Assert.Equal(passages.Select(p => p.PassageId).Order(), passages.Select(p => p.PassageId));
        Assert.Equal(4, passages.Select(p => p.PassageId).Distinct().Count());
        Assert.Equal(4, await store.Get<IPassageVectorStore>().CountPassagesAsync());

        var cited = await store.Get<IPassageLookup>().GetAsync([.. passages.Select(p => p.PassageId), 987_654_321]);
        Assert.Equal(4, cited.Count);
        var expected = full.Passages.Select(p => (full.Metadata, p)).Concat(bare.Passages.Select(p => (bare.Metadata, p))).ToList();
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = cited[passages[i].PassageId];
            Assert.Equal(expected[i].Metadata, passage.Article);
            Assert.Equal(expected[i].p.Ordinal, passage.Ordinal);
            Assert.Equal(expected[i].p.Text, passage.Text);
        }

        await articles.SetSignaturesAsync([("100_full", null, "/library/moved"), ("200_bare", "99:1", "/library/other")]);
        states = await articles.GetSourceStatesAsync();
        Assert.Equal(new StoredSourceState(full.ContentHash, null, "/library/moved"), states["100_full"]);
        Assert.Equal(new StoredSourceState(bare.ContentHash, "99:1", "/library/other"), states["200_bare"]);
    }

    [Fact]
    public async Task Vectors_round_trip_bit_exact_and_are_tagged_with_their_model()
    {
        var store = Open();
        await store.Get<IArticleStore>().ReplaceAsync(SampleArticles.Full());
        var vectors = store.Get<IPassageVectorStore>();
        var passages = await vectors.GetPassagesWithoutVectorsAsync("model-a");
        var before = await vectors.GetGenerationAsync();
        Assert.Null(await vectors.GetLatestVectorSetAsync());

        // Values a text round trip would bend: signed zero, subnormals, extremes, infinities, a NaN with a payload.
        float[] awkward = [0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, float.MaxValue, float.MinValue, MathF.PI,
            float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC12345), 0.1f];
        var saved = passages.Select((p, i) => (p.PassageId, Vector: (ReadOnlyMemory<float>)awkward.Select(v => i == 0 ? v : v * (i + 1)).ToArray())).ToList();
        await vectors.SaveVectorsAsync("model-a", saved);

        Assert.NotEqual(before, await vectors.GetGenerationAsync());
        Assert.Equal(new StoredVectorSet("model-a", awkward.Length), await vectors.GetLatestVectorSetAsync());
        Assert.Empty(await vectors.GetPassagesWithoutVectorsAsync("model-a"));
        Assert.Equal(passages.Count, (await vectors.GetPassagesWithoutVectorsAsync("model-b")).Count);
        var matrix = await vectors.LoadMatrixAsync("model-a", awkward.Length);
        Assert.Equal(await vectors.GetGenerationAsync(), matrix.Generation);
        Assert.Equal(saved.Select(s => s.PassageId), matrix.PassageIds);
        for (var row = 0; row < saved.Count; row++)
        {
            Assert.Equal(Bits(saved[row].Vector.Span), Bits(matrix.Row(row)));
        }

        Assert.Equal(0, (await vectors.LoadMatrixAsync("model-b", awkward.Length)).Count);

        // Re-embedding by another model replaces the vector of that passage.
        await vectors.SaveVectorsAsync("model-b", [(saved[^1].PassageId, new float[] { 1, 2 })]);
        Assert.Equal(new StoredVectorSet("model-b", 2), await vectors.GetLatestVectorSetAsync());
        Assert.Equal(saved.Count - 1, (await vectors.LoadMatrixAsync("model-a", awkward.Length)).Count);
        Assert.Single(await vectors.GetPassagesWithoutVectorsAsync("model-a"));
    }

    [Fact]
    public async Task A_reader_sees_a_replaced_article_whole_before_or_after_never_a_mix()
    {
        var store = Open();
        var articles = store.Get<IArticleStore>();
        var vectors = store.Get<IPassageVectorStore>();
        var lookup = store.Get<IPassageLookup>();
        var old = SampleArticles.Full("300_swapped", "alpha", 3);
        var replacement = SampleArticles.Full("300_swapped", "omega", 5);
        await articles.ReplaceAsync(old);
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await articles.ReplaceAsync(i % 2 == 0 ? replacement : old);
            }
        });

        var reads = 0;
        var seen = new HashSet<string>();
        while (!writer.IsCompleted || reads < 5)
        {
            var passages = (await vectors.GetPassagesWithoutVectorsAsync("m")).Select(p => p.Text).ToList();
            var version = passages.Count == 3 && passages.All(t => t.Contains("alpha", StringComparison.Ordinal)) ? "old"
                : passages.Count == 5 && passages.All(t => t.Contains("omega", StringComparison.Ordinal)) ? "new"
                : $"a mix: {string.Join(" | ", passages)}";
            Assert.True(version is "old" or "new", version);
            seen.Add(version);
            reads++;
        }

        await writer;
        Assert.Equal(3, (await vectors.GetPassagesWithoutVectorsAsync("m")).Count);
        var stored = Assert.Single(await articles.GetStoredArticlesAsync());
        Assert.Equal(3, stored.PassageCount);
        Assert.Equal(old.ContentHash, (await articles.GetSourceStatesAsync())["300_swapped"].ContentHash);
        Assert.NotEmpty(seen);
        Assert.Empty(await lookup.GetAsync([-1]));
    }

    [Fact]
    public async Task A_removed_article_takes_its_passages_and_vectors_with_it()
    {
        var store = Open();
        var articles = store.Get<IArticleStore>();
        var vectors = store.Get<IPassageVectorStore>();
        await articles.ReplaceAsync(SampleArticles.Full());
        await articles.ReplaceAsync(SampleArticles.Bare());
        var passages = await vectors.GetPassagesWithoutVectorsAsync("m");
        await vectors.SaveVectorsAsync("m", [.. passages.Select(p => (p.PassageId, (ReadOnlyMemory<float>)new float[] { p.PassageId, 1 }))]);
        var lexicalBefore = await store.Get<ILexicalIndexStore>().GetPassageGenerationAsync();
        var vectorsBefore = await vectors.GetGenerationAsync();

        await articles.DeleteAsync("100_full");
        await articles.DeleteAsync("never_stored");

        Assert.Equal(["200_bare"], (await articles.GetStoredArticlesAsync()).Select(a => a.Metadata.Id));
        Assert.Equal(["200_bare"], (await articles.GetSourceStatesAsync()).Keys);
        Assert.Equal(1, await vectors.CountPassagesAsync());
        Assert.Equal([passages[^1].PassageId], (await vectors.LoadMatrixAsync("m", 2)).PassageIds);
        Assert.Empty(await store.Get<IPassageLookup>().GetAsync([.. passages.Take(3).Select(p => p.PassageId)]));
        Assert.NotEqual(lexicalBefore, await store.Get<ILexicalIndexStore>().GetPassageGenerationAsync());
        Assert.NotEqual(vectorsBefore, await vectors.GetGenerationAsync());
        var index = await store.Get<ILexicalIndexSource>().GetCurrentAsync();
        Assert.Equal(1, index.PassageCount);
        Assert.Empty(index.Search(["alpha"], 10));
    }

    [Fact]
    public async Task Every_write_moves_the_generation_its_readers_watch()
    {
        var store = Open();
        var articles = store.Get<IArticleStore>();
        var vectors = store.Get<IPassageVectorStore>();
        var lexical = store.Get<ILexicalIndexStore>();
        var seenLexical = new List<long> { await lexical.GetPassageGenerationAsync() };
        var seenVectors = new List<long> { await vectors.GetGenerationAsync() };

        await articles.ReplaceAsync(SampleArticles.Full());
        seenLexical.Add(await lexical.GetPassageGenerationAsync());
        var passages = await vectors.GetPassagesWithoutVectorsAsync("m");
        await vectors.SaveVectorsAsync("m", [(passages[0].PassageId, new float[] { 1 })]);
        seenVectors.Add(await vectors.GetGenerationAsync());
        await articles.ReplaceAsync(SampleArticles.Full(word: "changed")); // its vector goes with the old passages
        seenLexical.Add(await lexical.GetPassageGenerationAsync());
        seenVectors.Add(await vectors.GetGenerationAsync());
        passages = await vectors.GetPassagesWithoutVectorsAsync("m");
        await vectors.SaveVectorsAsync("m", [(passages[0].PassageId, new float[] { 2 })]);
        seenVectors.Add(await vectors.GetGenerationAsync());
        await articles.DeleteAsync("100_full");
        seenLexical.Add(await lexical.GetPassageGenerationAsync());
        seenVectors.Add(await vectors.GetGenerationAsync());

        Assert.Equal(seenLexical.Count, seenLexical.Distinct().Count());
        Assert.Equal(seenVectors.Count, seenVectors.Distinct().Count());
    }

    [Fact]
    public async Task The_lexical_snapshot_is_served_only_for_the_generation_it_was_built_at()
    {
        var store = Open();
        var articles = store.Get<IArticleStore>();
        var lexical = store.Get<ILexicalIndexStore>();
        await articles.ReplaceAsync(SampleArticles.Full());
        await articles.ReplaceAsync(SampleArticles.Bare());
        var builder = new Bm25IndexBuilder(new TermAnalyzer());
        var generation = await lexical.ReadPassagesAsync(builder);
        Assert.Equal(await lexical.GetPassageGenerationAsync(), generation);
        var index = builder.Build(generation);
        Assert.Equal(4, index.PassageCount);

        await lexical.SaveSnapshotAsync(index);

        var loaded = await lexical.LoadSnapshotAsync(generation);
        Assert.NotNull(loaded);
        Assert.Equal(index.PassageCount, loaded.PassageCount);
        Assert.Equal(index.Search(["alpha0", "bare"], 10), loaded.Search(["alpha0", "bare"], 10));
        Assert.Null(await lexical.LoadSnapshotAsync(generation + 1));
        await articles.DeleteAsync("200_bare");
        var moved = await lexical.GetPassageGenerationAsync();
        Assert.NotEqual(generation, moved);
        Assert.Null(await lexical.LoadSnapshotAsync(moved));
    }

    [Fact]
    public async Task Bot_state_round_trips_overwrites_and_outlives_the_process()
    {
        var store = Open();
        var state = store.Get<IBotStateStore>();
        Assert.Null(await state.GetAsync("telegram.offset"));
        await state.SetAsync("telegram.offset", "41");
        await state.SetAsync("telegram.offset", "42");
        await state.SetAsync("discord.session", "abc ünï");
        Assert.Equal("42", await state.GetAsync("telegram.offset"));
        await CloseAsync(store);

        var next = Open().Get<IBotStateStore>();
        Assert.Equal("42", await next.GetAsync("telegram.offset"));
        Assert.Equal("abc ünï", await next.GetAsync("discord.session"));
    }

    [Fact]
    public async Task An_update_is_claimed_once_answered_once_and_released_for_another()
    {
        var claims = Open().Get<IUpdateClaimStore>();
        var lease = TimeSpan.FromSeconds(30);

        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 7, "a", lease));
        Assert.Equal(ClaimOutcome.InProgressElsewhere, await claims.TryClaimAsync("telegram", 7, "b", lease));
        Assert.True(await claims.RenewAsync("telegram", 7, "a", lease));
        await claims.CompleteAsync("telegram", 7, "a");
        Assert.Equal(ClaimOutcome.AlreadyAnswered, await claims.TryClaimAsync("telegram", 7, "c", lease));
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("discord", 7, "c", lease));
        await claims.ReleaseAsync("discord", 7, "c");
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("discord", 7, "d", lease));
    }

    [Fact]
    public async Task A_claim_lease_expires_unless_renewed_where_claims_are_leases()
    {
        var claims = Open().Get<IUpdateClaimStore>();
        if (!claims.ClaimsExpire)
        {
            // In-process claims live exactly as long as their holder: the process that would take over is the holder.
            Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 8, "dead", TimeSpan.FromMilliseconds(1)));
            await Task.Delay(50);
            Assert.Equal(ClaimOutcome.InProgressElsewhere, await claims.TryClaimAsync("telegram", 8, "alive", TimeSpan.FromMilliseconds(1)));
            return;
        }

        var lease = TimeSpan.FromMilliseconds(600);
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 8, "dead", lease));
        Assert.Equal(ClaimOutcome.InProgressElsewhere, await claims.TryClaimAsync("telegram", 8, "alive", lease));
        await Task.Delay(lease + TimeSpan.FromMilliseconds(200));
        Assert.Equal(ClaimOutcome.Claimed, await claims.TryClaimAsync("telegram", 8, "alive", lease));
        Assert.False(await claims.RenewAsync("telegram", 8, "dead", lease));
        Assert.True(await claims.RenewAsync("telegram", 8, "alive", lease));
    }

    [Fact]
    public async Task The_ingest_lock_admits_one_sync_at_a_time_and_names_its_holder()
    {
        var store = Open();
        var ingestLock = store.Get<IIngestLock>();
        var held = await ingestLock.TryAcquireAsync();
        Assert.NotNull(held);
        Assert.Null(await ingestLock.TryAcquireAsync());
        if (InstancesShareTheStore)
        {
            var other = Open().Get<IIngestLock>();
            Assert.Null(await other.TryAcquireAsync());
            Assert.Contains("sync", other.DescribeHolder(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("sync", ingestLock.DescribeHolder(), StringComparison.Ordinal);
        }

        await held.DisposeAsync();
        await using var again = await ingestLock.TryAcquireAsync();
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Another_instance_sees_the_writes_and_the_generations_they_moved()
    {
        var first = Open();
        var reader = InstancesShareTheStore ? Open() : null;
        var readerIndexBefore = reader is null ? null : await reader.Get<ILexicalIndexSource>().GetCurrentAsync();
        await first.Get<IArticleStore>().ReplaceAsync(SampleArticles.Full());
        var passages = await first.Get<IPassageVectorStore>().GetPassagesWithoutVectorsAsync("m");
        await first.Get<IPassageVectorStore>().SaveVectorsAsync("m", [(passages[0].PassageId, new float[] { 3, 4 })]);
        var lexical = await first.Get<ILexicalIndexStore>().GetPassageGenerationAsync();
        var vectors = await first.Get<IPassageVectorStore>().GetGenerationAsync();
        if (reader is null)
        {
            await CloseAsync(first);
            reader = Open();
        }

        // A shared store may tell other instances through a notification: allow it a moment.
        var clock = Stopwatch.StartNew();
        while ((await reader.Get<IPassageVectorStore>().GetGenerationAsync() != vectors
                || await reader.Get<ILexicalIndexStore>().GetPassageGenerationAsync() != lexical) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Equal(vectors, await reader.Get<IPassageVectorStore>().GetGenerationAsync());
        Assert.Equal(lexical, await reader.Get<ILexicalIndexStore>().GetPassageGenerationAsync());
        var index = await reader.Get<ILexicalIndexSource>().GetCurrentAsync();
        Assert.Equal(3, index.PassageCount);
        Assert.NotEqual(readerIndexBefore?.PassageCount, index.PassageCount);
        Assert.Equal([passages[0].PassageId], (await reader.Get<IPassageVectorStore>().LoadMatrixAsync("m", 2)).PassageIds);
        Assert.Equal(["100_full"], (await reader.Get<IArticleCatalog>().GetArticlesAsync()).Select(a => a.Id));
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
