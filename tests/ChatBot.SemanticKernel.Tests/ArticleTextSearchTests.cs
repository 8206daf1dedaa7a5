#pragma warning disable SKEXP0001 // ITextSearch<TRecord> is experimental in SK 1.82
using ChatBot.Core.Answers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>The <see cref="ITextSearch{TRecord}"/> an SK app resolves: name, value and link of each result, and the decline.</summary>
public sealed class ArticleTextSearchTests(ArticleSearchPluginTests.SeedKernel seeds) : IClassFixture<ArticleSearchPluginTests.SeedKernel>
{
    private ITextSearch<CitedPassage> Search => seeds.Articles.Kernel.Services.GetRequiredService<ITextSearch<CitedPassage>>();

    [Fact]
    public async Task A_result_is_named_by_title_publisher_and_date_valued_by_the_passage_and_linked_to_the_article()
    {
        var found = await Search.GetTextSearchResultsAsync("What did Matviyenko say about Kim Jong Un and denuclearization?");
        var results = await ToListAsync(found.Results);

        var first = results[0];
        Assert.Equal("Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea — RFE/RL, 10 September 2018", first.Name);
        Assert.Contains("Matviyenko", first.Value, StringComparison.Ordinal);
        Assert.Null(first.Link);   // the RFE/RL page names no canonical link
        Assert.Equal(true, found.Metadata![ArticleTextSearch.AnsweredKey]);
    }

    [Fact]
    public async Task A_result_links_to_the_article_when_it_has_a_link()
    {
        var found = await Search.GetTextSearchResultsAsync("What did Abe urge Putin to do about the cease-fire in Ukraine?");
        var first = (await ToListAsync(found.Results))[0];

        Assert.Equal("Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds — The Moscow Times, 10 November 2014", first.Name);
        Assert.Equal("https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157", first.Link);
    }

    [Fact]
    public async Task The_records_carry_the_date_with_its_basis()
    {
        var found = await Search.GetSearchResultsAsync("What did Matviyenko say about Kim Jong Un and denuclearization?");
        var first = (await ToListAsync(found.Results))[0];

        Assert.Equal(new DateOnly(2018, 9, 10), first.Article.Date.CitableValue);
        Assert.False(string.IsNullOrWhiteSpace(first.Article.Date.Basis));
    }

    [Fact]
    public async Task A_declined_query_has_no_results_and_says_it_was_not_answered()
    {
        var found = await Search.GetTextSearchResultsAsync("How do I bake a chocolate cake?");

        Assert.Empty(await ToListAsync(found.Results));
        Assert.Equal(false, found.Metadata![ArticleTextSearch.AnsweredKey]);
        Assert.Equal(0, found.TotalCount);
    }

    [Fact]
    public async Task String_results_carry_the_citation_too()
    {
        var found = await Search.SearchAsync("How much have Japanese companies invested in the Russian economy?");
        var first = (await ToListAsync(found.Results))[0];

        Assert.Contains("  — ", first, StringComparison.Ordinal);
        Assert.Contains("Sputnik", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_narrows_the_answer_and_never_adds_to_it()
    {
        const string question = "What did Abe urge Putin to do about the cease-fire in Ukraine?";
        var all = await ToListAsync((await Search.GetSearchResultsAsync(question)).Results);
        var moscowTimes = await ToListAsync((await Search.GetSearchResultsAsync(
            question, new TextSearchOptions<CitedPassage> { Filter = p => p.Article.Publisher == "The Moscow Times" })).Results);
        var nobody = await ToListAsync((await Search.GetSearchResultsAsync(
            question, new TextSearchOptions<CitedPassage> { Filter = p => p.Article.Publisher == "Nobody" })).Results);

        Assert.NotEmpty(moscowTimes);
        Assert.All(moscowTimes, p => Assert.Equal("The Moscow Times", p.Article.Publisher));
        Assert.Subset(all.ToHashSet(), moscowTimes.ToHashSet());
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task Skip_pages_through_the_same_answer()
    {
        const string question = "Putin Abe talks";
        var all = await ToListAsync((await Search.GetSearchResultsAsync(question, new TextSearchOptions<CitedPassage> { Top = 3 })).Results);
        var rest = await ToListAsync((await Search.GetSearchResultsAsync(question, new TextSearchOptions<CitedPassage> { Top = 2, Skip = 1 })).Results);

        Assert.NotEmpty(all);
        Assert.Equal(all.Skip(1).Select(p => (p.Article.Id, p.Ordinal)), rest.Select(p => (p.Article.Id, p.Ordinal)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
