using ChatBot.Core.Answers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

// These tests use SK's own helpers exactly as an SK user would, and those take only the obsolete non-generic ITextSearch.
#pragma warning disable CS0618
#pragma warning disable SKEXP0130 // TextSearchProvider is experimental in SK 1.82

namespace ChatBot.SemanticKernel.Tests;

/// <summary>SK's own text-search helpers take the article search: the plugin factories and the TextSearchProvider.</summary>
public sealed class SkHelperTests(SkHelperTests.SeedKernel seeds) : IClassFixture<SkHelperTests.SeedKernel>
{
    private const string Question = "Why were mutual visits by Russian and Japanese leaders suspended?";

    public sealed class SeedKernel : IAsyncLifetime
    {
        public ArticleKernel Articles { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Articles = ArticleKernel.Create();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Articles.DisposeAsync();
    }

    private ITextSearch Search => seeds.Articles.Kernel.Services.GetRequiredService<ITextSearch>();

    [Fact]
    public async Task CreateWithGetTextSearchResults_makes_a_plugin_that_returns_cited_passages()
    {
        var plugin = Search.CreateWithGetTextSearchResults("news");
        var result = await seeds.Articles.Kernel.InvokeAsync(plugin["GetTextSearchResults"], new KernelArguments { ["query"] = Question });
        var results = Assert.IsAssignableFrom<IEnumerable<TextSearchResult>>(result.GetValue<object>()).ToList();

        Assert.NotEmpty(results);
        Assert.Contains("Sputnik, 21 January 2015", results[0].Name, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(results[0].Value));
    }

    [Fact]
    public async Task CreateWithSearch_returns_the_citations_and_declines_off_topic()
    {
        var plugin = Search.CreateWithSearch("news");
        var answered = await seeds.Articles.Kernel.InvokeAsync(plugin["Search"], new KernelArguments { ["query"] = Question });
        var declined = await seeds.Articles.Kernel.InvokeAsync(plugin["Search"], new KernelArguments { ["query"] = "How do I bake a chocolate cake?" });

        Assert.Contains("Sputnik, 21 January 2015", string.Join("\n", answered.GetValue<IEnumerable<string>>()!), StringComparison.Ordinal);
        Assert.Empty(declined.GetValue<IEnumerable<string>>()!);
    }

    [Fact]
    public async Task TextSearchProvider_takes_the_library_search()
    {
        var provider = new TextSearchProvider(Search, NullLoggerFactory.Instance);

        var context = await provider.ModelInvokingAsync([new ChatMessage(ChatRole.User, Question)]);

        Assert.Contains("Sputnik, 21 January 2015", context.Instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_on_publisher_narrows_and_an_unknown_field_is_refused_with_the_fields_it_takes()
    {
        var sputnik = await Search.GetTextSearchResultsAsync(Question, new TextSearchOptions { Top = 5, Filter = new TextSearchFilter().Equality("publisher", "Sputnik") });
        var rferl = await Search.GetTextSearchResultsAsync(Question, new TextSearchOptions { Top = 5, Filter = new TextSearchFilter().Equality("publisher", "RFE/RL") });

        Assert.NotEmpty(await sputnik.Results.ToListAsync());
        Assert.Empty(await rferl.Results.ToListAsync());
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Search.GetTextSearchResultsAsync(Question, new TextSearchOptions { Filter = new TextSearchFilter().Equality("colour", "red") }));
        Assert.Contains("title, publisher, link", error.Message, StringComparison.Ordinal);
    }
}
