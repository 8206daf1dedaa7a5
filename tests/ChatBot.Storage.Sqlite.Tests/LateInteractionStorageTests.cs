using System.Text.RegularExpressions;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

/// <summary>Token states through ingest, the store and re-ranking, with a transparent stand-in model (each word is a token).</summary>
public sealed partial class LateInteractionStorageTests
{
    private static readonly string[][] Concepts = [["nuclear", "nukes"], ["sanction"], ["nagato"], ["invest", "billion"]];

    /// <summary>Each word a token whose state is the keyword model's vector of that word; the sentence vector that model's.</summary>
    private sealed partial class KeywordTokenEncoder(KeywordEmbeddingGenerator words) : ITokenStateEncoder
    {
        public int TextsEncoded { get; private set; }

        public async Task<IReadOnlyList<EncodedTokens>> EncodeAsync(IReadOnlyList<string> texts, bool asQueries, CancellationToken cancellationToken = default)
        {
            var encoded = new List<EncodedTokens>();
            foreach (var text in texts)
            {
                TextsEncoded++;
                var pieces = Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
                var rows = (await words.GenerateAsync(pieces, cancellationToken: cancellationToken)).SelectMany(e => e.Vector.ToArray()).ToArray();
                encoded.Add(new EncodedTokens((await words.GenerateAsync([text], cancellationToken: cancellationToken))[0].Vector, rows, pieces));
            }

            return encoded;
        }

        public int CountTokens(string text) => Word().Count(text);

        [GeneratedRegex(@"[\p{L}\p{N}]+")]
        private static partial Regex Word();
    }

    private sealed class FixedModelSource(EmbeddingModelHandle model) : IEmbeddingModelSource
    {
        public Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<(EmbeddingModelHandle?, string?)>((model, null));
    }

    private static (KeywordTokenEncoder Encoder, FixedModelSource Source) Model()
    {
        var generator = new KeywordEmbeddingGenerator(Concepts);
        var encoder = new KeywordTokenEncoder(generator);
        return (encoder, new FixedModelSource(new EmbeddingModelHandle(generator, "keywords@1", generator.Dimensions, 0.8, null, null) { TokenEncoder = encoder }));
    }

    [Fact]
    public async Task Every_passage_gets_token_states_at_ingest_that_read_back_bit_for_bit()
    {
        var (encoder, source) = Model();
        await using var bot = await SeedAnswerer.CreateAsync(configure: s => s.AddSingleton<IEmbeddingModelSource>(source));
        var dense = bot.Services.GetRequiredService<DenseIndex>();
        var model = (await dense.GetModelAsync())!;
        var matrix = (await dense.GetAsync())!.Value.Matrix;

        var stored = await bot.Services.GetRequiredService<IPassageTokenStateStore>().GetTokenStatesAsync(dense.VectorSetId(model), matrix.PassageIds.ToList());

        Assert.EndsWith("+tokens", dense.VectorSetId(model), StringComparison.Ordinal);
        Assert.Equal(matrix.Count, stored.Count);
        var lookup = await bot.Services.GetRequiredService<ChatBot.Core.Answers.IPassageLookup>().GetAsync([matrix.PassageIds[0]]);
        var again = (await encoder.EncodeAsync([lookup[matrix.PassageIds[0]].Text], asQueries: false))[0];
        Assert.Equal(TokenStates.Quantize(again.TokenRows, model.Dimensions).ToBytes(), stored[matrix.PassageIds[0]].ToBytes());
    }

    [Fact]
    public async Task States_of_another_vector_set_are_not_read()
    {
        var (_, source) = Model();
        await using var bot = await SeedAnswerer.CreateAsync(configure: s => s.AddSingleton<IEmbeddingModelSource>(source));
        var matrix = (await bot.Services.GetRequiredService<DenseIndex>().GetAsync())!.Value.Matrix;

        var stored = await bot.Services.GetRequiredService<IPassageTokenStateStore>().GetTokenStatesAsync("another@2+tokens", matrix.PassageIds.ToList());

        Assert.Empty(stored);
    }

    [Fact]
    public async Task The_top_candidates_carry_their_late_interaction_alignment_and_the_answer_its_sentence()
    {
        var (_, source) = Model();
        await using var bot = await SeedAnswerer.CreateAsync(configure: s => s.AddSingleton<IEmbeddingModelSource>(source));

        var candidates = await bot.Services.GetRequiredService<IPassageRetriever>().RetrieveAsync("Where were the talks in Nagato held?", 20);

        Assert.All(candidates.Take(10), c => Assert.NotNull(c.MaxSim));
        Assert.All(candidates.Skip(10), c => Assert.Null(c.MaxSim));
        Assert.Contains(candidates.Take(3), c => c.ArticleId == "003_7c7c5e7f1d640ede");
    }
}
