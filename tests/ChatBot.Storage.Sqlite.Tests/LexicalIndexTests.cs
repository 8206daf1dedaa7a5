using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

public sealed class LexicalIndexTests : IAsyncLifetime
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
    public async Task No_user_input_breaks_the_search(string question)
    {
        var answer = await _bot.Answerer.AnswerAsync(question);
        Assert.NotNull(answer);
    }

    [Fact]
    public async Task Stemming_matches_word_forms()
    {
        var index = await Index();
        Assert.NotEmpty(index.Search(Terms("discussing"), 5));
        Assert.True(index.DocumentFrequency(Terms("sanctions")[0]) > 1);
        Assert.Equal(0, index.DocumentFrequency("zzzunknown"));
        Assert.True(index.PassageCount > 40);
    }

    [Fact]
    public async Task Coverage_reports_which_terms_a_passage_has()
    {
        var index = await Index();
        var terms = Terms("Vladivostok Nagato");
        var hits = index.Search(terms, 10);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Single(terms, t => index.Contains(h.PassageId, t)));
        Assert.Contains(hits, h => index.Contains(h.PassageId, terms[1]) && h.ArticleId == "003_7c7c5e7f1d640ede");
    }

    [Fact]
    public async Task A_second_process_loads_the_saved_snapshot_instead_of_rebuilding()
    {
        var first = await Index();
        var logs = new LogCollector();
        await using var second = await SeedAnswerer.CreateAsync(
            settings: new Dictionary<string, string?> { ["Storage:DatabasePath"] = _bot.DatabasePath },
            configure: services => services.AddLogging(b => b.AddProvider(logs)));
        var loaded = await second.Services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync();

        Assert.Equal(first.Generation, loaded.Generation);
        Assert.Equal(first.Search(Terms("Putin Abe islands"), 10), loaded.Search(Terms("Putin Abe islands"), 10));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("passages built", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("passages loaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passages_written_by_another_process_reach_this_index()
    {
        var before = await Index();
        await using (var connection = new SqliteConnection($"Data Source={_bot.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText =
                "INSERT INTO passages (article_id, ordinal, start, length, text) " +
                "SELECT article_id, 999, 0, 40, 'Quokkas were seen near the harbour at dawn.' FROM passages LIMIT 1";
            await insert.ExecuteNonQueryAsync();
        }

        var after = await Index();
        Assert.True(after.Generation > before.Generation);
        Assert.Single(after.Search(Terms("quokkas"), 10));
    }

    private Task<Bm25Index> Index() => _bot.Services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync();

    private List<string> Terms(string text) => [.. _bot.Services.GetRequiredService<QueryAnalyzer>().ContentTerms(text)];
}
