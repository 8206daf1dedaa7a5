using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Tests;

public sealed class Bm25IndexTests
{
    private static Bm25Index Build(params string[] passages)
    {
        var builder = new Bm25IndexBuilder(new TermAnalyzer());
        for (var i = 0; i < passages.Length; i++)
        {
            builder.Add(10 + i, $"article{i % 2}", passages[i]);
        }

        return builder.Build(generation: 7);
    }

    private static readonly Bm25Index Index = Build(
        "Putin met Abe in Nagato to discuss the Kuril Islands.",
        "The weather in Moscow was cold.",
        "Abe said the islands dispute must end; the islands matter to Japan.",
        "Sanctions on Russia were discussed in Brussels.",
        "A long passage about nothing in particular that mentions Putin once among many many other ordinary words here.");

    [Fact]
    public void Ranks_by_bm25_and_ignores_passages_without_any_term()
    {
        var hits = Index.Search(["island", "ab"], 10);
        Assert.Equal([12L, 10L], hits.Select(h => h.PassageId));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal("article0", hits[0].ArticleId);
    }

    [Fact]
    public void Rarer_terms_weigh_more_and_shorter_passages_win_on_equal_counts()
    {
        var hits = Index.Search(["putin"], 10);
        Assert.Equal([10L, 14L], hits.Select(h => h.PassageId));
        Assert.True(Bm25Index.InverseDocumentFrequency(1, 5) > Bm25Index.InverseDocumentFrequency(2, 5));
        Assert.True(Bm25Index.RankingInverseDocumentFrequency(4, 5) is > 0 and < 1e-5, "a term in most passages ranks (almost) nothing");
    }

    [Fact]
    public void Matches_word_forms_through_stemming()
    {
        var query = new List<string>();
        new TermAnalyzer().Analyze("discussing", query.Add);
        Assert.Equal([10L, 13L], Index.Search(query, 10).Select(h => h.PassageId).Order());
    }

    [Fact]
    public void Limit_unknown_terms_and_empty_questions()
    {
        Assert.Single(Index.Search(["island", "ab", "putin"], 1));
        Assert.Empty(Index.Search(["zzzunknown"], 10));
        Assert.Empty(Index.Search([], 10));
        Assert.Empty(Bm25Index.Empty(1).Search(["putin"], 10));
    }

    [Fact]
    public void Reports_document_frequency_and_membership()
    {
        Assert.Equal(2, Index.DocumentFrequency("island"));
        Assert.Equal(0, Index.DocumentFrequency("zzz"));
        Assert.True(Index.Contains(12, "island"));
        Assert.False(Index.Contains(11, "island"));
        Assert.False(Index.Contains(999, "island"));
        Assert.Equal(5, Index.PassageCount);
        Assert.Equal(7, Index.Generation);
    }

    [Fact]
    public void Equal_scores_keep_the_lower_passage_id_first()
    {
        var index = Build("alpha beta", "alpha beta", "alpha beta");
        Assert.Equal([10L, 11L], index.Search(["alpha"], 2).Select(h => h.PassageId));
    }

    [Fact]
    public void Passages_must_arrive_in_id_order()
    {
        var builder = new Bm25IndexBuilder(new TermAnalyzer());
        builder.Add(5, "a", "text");
        Assert.Throws<ArgumentException>(() => builder.Add(5, "a", "more"));
    }

    [Fact]
    public void Snapshot_round_trip_gives_the_same_answers()
    {
        using var stream = new MemoryStream();
        Bm25IndexSerializer.Write(Index, stream);
        stream.Position = 0;
        var loaded = Bm25IndexSerializer.Read(stream)!;

        Assert.Equal(Index.Generation, loaded.Generation);
        foreach (var query in new[] { new[] { "island", "ab" }, ["putin"], ["sanction", "russia", "weather"] })
        {
            Assert.Equal(Index.Search(query, 10), loaded.Search(query, 10));
        }
    }

    [Fact]
    public void Damaged_snapshots_are_rejected_not_misread()
    {
        using var stream = new MemoryStream();
        Bm25IndexSerializer.Write(Index, stream);
        var bytes = stream.ToArray();

        Assert.Throws<InvalidDataException>(() => Bm25IndexSerializer.Read(new MemoryStream(bytes[..^3])));
        Assert.Throws<InvalidDataException>(() => Bm25IndexSerializer.Read(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8])));
        var corrupted = (byte[])bytes.Clone();
        var lastRowHighByte = bytes.Length - (Index.Data.PostingFrequencies.Length * sizeof(ushort)) - 1;
        corrupted[lastRowHighByte] = 0x7F; // the last posting row becomes a passage far out of range
        Assert.Throws<InvalidDataException>(() => Bm25IndexSerializer.Read(new MemoryStream(corrupted)));
    }

    [Fact]
    public async Task Candidates_count_the_question_terms_no_passage_contains()
    {
        var retriever = new LexicalRetriever(new FixedIndex(Index), new QueryAnalyzer(new TermAnalyzer()));

        var candidates = await retriever.RetrieveAsync("When did Abe resign over the islands?", 10);

        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Equal(1, c.UnseenQuestionTerms)); // "resign"; "Abe" and "islands" are there
        Assert.All(await retriever.RetrieveAsync("Did Abe discuss the islands?", 10), c => Assert.Equal(0, c.UnseenQuestionTerms));
    }

    private sealed class FixedIndex(Bm25Index index) : ILexicalIndexSource
    {
        public Task<Bm25Index> GetCurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(index);
    }
}
