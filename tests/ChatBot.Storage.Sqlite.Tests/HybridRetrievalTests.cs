using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

/// <summary>The dense plumbing (vector storage, matrix, fusion, re-embedding) with a transparent stand-in model.</summary>
public sealed class HybridRetrievalTests
{
    private static readonly string[][] Concepts =
    [
        ["nuclear", "nukes", "denucleari"],
        ["cease-fire", "ceasefire", "truce"],
        ["sanction"],
        ["invest", "billion"],
    ];

    private sealed class FixedModelSource(EmbeddingModelHandle? model) : IEmbeddingModelSource
    {
        public EmbeddingModelHandle? Model { get; set; } = model;

        public Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<(EmbeddingModelHandle?, string?)>((Model, Model is null ? "test: none" : null));
    }

    private static (KeywordEmbeddingGenerator Generator, FixedModelSource Source) Model(string id)
    {
        var generator = new KeywordEmbeddingGenerator(Concepts);
        return (generator, new FixedModelSource(new EmbeddingModelHandle(generator, id, generator.Dimensions, 0.8, null, null)));
    }

    [Fact]
    public async Task Dense_evidence_finds_a_passage_that_shares_no_word_with_the_question()
    {
        var (_, source) = Model("keywords@1");
        await using var bot = await SeedAnswerer.CreateAsync(configure: s => s.AddSingleton<IEmbeddingModelSource>(source));

        var answer = await bot.Answerer.AnswerAsync("Did they talk about the nukes?");

        Assert.True(answer.Answered);
        Assert.Equal("002_eba0712a350a7d7c", answer.Passages[0].Article.Id);
        Assert.Contains("nuclear", answer.Passages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bm25_mode_ignores_the_model()
    {
        var (generator, source) = Model("keywords@1");
        await using var bot = await SeedAnswerer.CreateAsync(
            settings: new Dictionary<string, string?> { ["Retrieval:Mode"] = "Bm25" },
            configure: s => s.AddSingleton<IEmbeddingModelSource>(source));

        Assert.Equal("bm25", bot.Services.GetRequiredService<IPassageRetriever>().Name);
        Assert.Equal(0, generator.TextsEmbedded);
    }

    [Fact]
    public async Task Vectors_are_made_once_and_again_only_when_the_model_changes()
    {
        var (generator, source) = Model("keywords@1");
        await using var bot = await SeedAnswerer.CreateAsync(configure: s => s.AddSingleton<IEmbeddingModelSource>(source));
        var library = bot.Services.GetRequiredService<ArticleLibrary>();
        var passages = (await bot.Services.GetRequiredService<IArticleStore>().GetStoredArticlesAsync()).Sum(a => a.PassageCount);
        Assert.Equal(passages, generator.TextsEmbedded);

        await library.ReloadAsync();
        Assert.Equal(passages, generator.TextsEmbedded);

        var store = bot.Services.GetRequiredService<IPassageVectorStore>();
        Assert.Equal(passages, (await store.LoadMatrixAsync("keywords@1", generator.Dimensions)).Count);
        Assert.Equal(new StoredVectorSet("keywords@1", generator.Dimensions), await store.GetLatestVectorSetAsync());
        Assert.Equal(passages, (await store.GetPassagesWithoutVectorsAsync("keywords@2")).Count);
    }

    [Fact]
    public async Task Without_a_model_retrieval_falls_back_to_bm25()
    {
        await using var bot = await SeedAnswerer.CreateAsync(configure: s => s.AddSingleton<IEmbeddingModelSource>(new FixedModelSource(null)));

        var candidates = await bot.Services.GetRequiredService<IPassageRetriever>().RetrieveAsync("Nagato talks", 5);

        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Null(c.DenseSimilarity));
        Assert.Null(await bot.Services.GetRequiredService<IPassageVectorStore>().GetLatestVectorSetAsync());
    }

    [Theory]
    [InlineData("WeightedScore")]
    [InlineData("ReciprocalRank")]
    public async Task Every_fused_candidate_carries_both_kinds_of_evidence(string fusion)
    {
        var (_, source) = Model("keywords@1");
        await using var bot = await SeedAnswerer.CreateAsync(
            settings: new Dictionary<string, string?> { ["Retrieval:Fusion"] = fusion },
            configure: s => s.AddSingleton<IEmbeddingModelSource>(source));

        var candidates = await bot.Services.GetRequiredService<IPassageRetriever>().RetrieveAsync("Why were sanctions imposed?", 10);

        Assert.Equal(10, candidates.Count);
        Assert.All(candidates, c => Assert.NotNull(c.DenseSimilarity));
        Assert.True(candidates.Zip(candidates.Skip(1)).All(p => p.First.RankScore >= p.Second.RankScore));
        Assert.Contains(candidates.Take(3), c => c.LexicalCoverage > 0.9);
    }
}
