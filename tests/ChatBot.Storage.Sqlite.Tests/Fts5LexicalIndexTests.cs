using ChatBot.Core.Retrieval;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

public sealed class Fts5LexicalIndexTests : IAsyncLifetime
{
    private SeedAnswerer _bot = null!;

    public async Task InitializeAsync() => _bot = await SeedAnswerer.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> HostileQuestions =>
    [
        "\"", "\"\"\"", "putin\"", "NEAR(putin abe)", "putin NEAR abe", "*", "putin*", "(((", ")))", "abe)", "AND", "OR NOT",
        "text:putin", "{putin abe}", "^putin", "putin + abe", "-abe", "'; DROP TABLE passages; --", "\u0000", "🙂🙂", "Путин?",
        "a\"b\"c NEAR/2 (d", new string('(', 500),
    ];

    [Theory]
    [MemberData(nameof(HostileQuestions))]
    public async Task No_user_input_causes_a_full_text_syntax_error(string question)
    {
        var answer = await _bot.Answerer.AnswerAsync(question);
        Assert.NotNull(answer);
    }

    [Fact]
    public async Task Porter_stemming_matches_word_forms()
    {
        var index = _bot.Services.GetRequiredService<ILexicalIndex>();
        Assert.NotEmpty(await index.SearchAsync(["discussing"], 5));
        var (frequencies, passages) = await index.TermStatisticsAsync(["sanction", "zzzunknown"]);
        Assert.True(frequencies[0] > 1);
        Assert.Equal(0, frequencies[1]);
        Assert.True(passages > 40);
    }

    [Fact]
    public async Task Matched_terms_are_reported_per_passage()
    {
        var index = _bot.Services.GetRequiredService<ILexicalIndex>();
        var hits = await index.SearchAsync(["vladivostok", "nagato"], 10);
        var matched = await index.MatchedTermsAsync(["vladivostok", "nagato"], hits.Select(h => h.PassageId).ToList());
        Assert.All(hits, h => Assert.Single(matched[h.PassageId]));
        Assert.Contains(hits, h => matched[h.PassageId].Contains(1) && h.ArticleId == "003_7c7c5e7f1d640ede");
    }
}
