using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>The token states port (<see cref="IPassageTokenStateStore"/>), the same on every store.</summary>
public abstract partial class StorageContract
{
    [Fact]
    public async Task Token_states_round_trip_bit_exact_keyed_by_vector_set_and_replaced_on_save()
    {
        var store = Open();
        await store.Get<IArticleStore>().ReplaceAsync(SampleArticles.Full());
        var vectors = store.Get<IPassageVectorStore>();
        var tokenStates = store.Get<IPassageTokenStateStore>();
        var ids = (await vectors.GetPassagesWithoutVectorsAsync("m")).Select(p => p.PassageId).ToList();
        var vectorGeneration = await vectors.GetGenerationAsync();
        var passageGeneration = await store.Get<ILexicalIndexStore>().GetPassageGenerationAsync();
        var saved = ids.Select((id, i) => (id, States(seed: i, tokens: 2 + i))).ToList();

        await tokenStates.SaveTokenStatesAsync("set-a", saved);

        var read = await tokenStates.GetTokenStatesAsync("set-a", [.. ids, 987_654_321]);
        Assert.Equal(ids.Order(), read.Keys.Order());
        foreach (var (id, states) in saved)
        {
            Assert.Equal(states.ToBytes(), read[id].ToBytes());
            Assert.Equal(states.Count, read[id].Count);
        }

        Assert.Empty(await tokenStates.GetTokenStatesAsync("set-b", ids));
        Assert.Empty(await tokenStates.GetTokenStatesAsync("set-a", []));
        Assert.Equal([ids[1]], (await tokenStates.GetTokenStatesAsync("set-a", [ids[1]])).Keys);

        // Saving again replaces: new states under the same set, and a passage re-encoded under another set leaves the first.
        var replacement = States(seed: 99, tokens: 5);
        await tokenStates.SaveTokenStatesAsync("set-a", [(ids[0], replacement)]);
        await tokenStates.SaveTokenStatesAsync("set-b", [(ids[2], replacement)]);
        read = await tokenStates.GetTokenStatesAsync("set-a", ids);
        Assert.Equal([ids[0], ids[1]], read.Keys.Order());
        Assert.Equal(replacement.ToBytes(), read[ids[0]].ToBytes());
        Assert.Equal(saved[1].Item2.ToBytes(), read[ids[1]].ToBytes());
        var other = Assert.Single(await tokenStates.GetTokenStatesAsync("set-b", ids));
        Assert.Equal(ids[2], other.Key);
        Assert.Equal(replacement.ToBytes(), other.Value.ToBytes());

        // Written before the vectors, they tell no reader anything: no generation moves.
        Assert.Equal(vectorGeneration, await vectors.GetGenerationAsync());
        Assert.Equal(passageGeneration, await store.Get<ILexicalIndexStore>().GetPassageGenerationAsync());
    }

    [Fact]
    public async Task Token_states_go_with_their_article_when_it_is_removed_or_replaced()
    {
        var store = Open();
        var articles = store.Get<IArticleStore>();
        var tokenStates = store.Get<IPassageTokenStateStore>();
        await articles.ReplaceAsync(SampleArticles.Full());
        await articles.ReplaceAsync(SampleArticles.Full("300_other"));
        await articles.ReplaceAsync(SampleArticles.Bare());
        var passages = await store.Get<IPassageVectorStore>().GetPassagesWithoutVectorsAsync("m");
        var ids = passages.Select(p => p.PassageId).ToList();
        await tokenStates.SaveTokenStatesAsync("set", [.. ids.Select((id, i) => (id, States(i, 3)))]);
        Assert.Equal(ids.Count, (await tokenStates.GetTokenStatesAsync("set", ids)).Count);

        await articles.DeleteAsync("100_full");
        await articles.ReplaceAsync(SampleArticles.Full("300_other", word: "changed"));

        var left = await tokenStates.GetTokenStatesAsync("set", ids);
        Assert.Equal([ids[^1]], left.Keys); // only the bare article's passage: the others went with their passages
        var newIds = (await store.Get<IPassageVectorStore>().GetPassagesWithoutVectorsAsync("m")).Select(p => p.PassageId).ToList();
        Assert.Equal([ids[^1]], (await tokenStates.GetTokenStatesAsync("set", newIds)).Keys);
    }

    /// <summary>States whose bytes a lossy store would bend: rows of mixed sign and magnitude, one all zero.</summary>
    private static TokenStates States(int seed, int tokens)
    {
        const int dimensions = 7;
        var random = new Random(seed);
        var rows = new float[tokens * dimensions];
        for (var i = dimensions; i < rows.Length; i++)
        {
            rows[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)));
        }

        return TokenStates.Quantize(rows, dimensions);
    }
}
