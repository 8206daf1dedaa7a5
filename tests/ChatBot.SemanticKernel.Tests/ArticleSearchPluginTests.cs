#pragma warning disable SKEXP0001 // ITextSearch<TRecord> is experimental in SK 1.82
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel.Tests;

/// <summary><c>articles.search</c> invoked through a real kernel: cited, dated, and declining what the articles do not answer.</summary>
public sealed class ArticleSearchPluginTests(ArticleSearchPluginTests.SeedKernel seeds) : IClassFixture<ArticleSearchPluginTests.SeedKernel>
{
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

    [Fact]
    public async Task A_paraphrase_is_answered_with_the_quote_title_publisher_date_and_link()
    {
        var output = await seeds.Articles.SearchAsync("Did they discuss Pyongyang's nukes?");

        var first = output.Split("\n\n")[0].Split('\n');
        Assert.Matches("^“.*nucleari.*”$", first[0]);
        // This article's page carries no canonical link, so the citation ends at the date.
        Assert.Equal("  — Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea — RFE/RL, 10 September 2018", first[1]);
    }

    [Fact]
    public async Task A_citation_ends_with_the_articles_link_when_it_has_one()
    {
        var output = await seeds.Articles.SearchAsync("What did Abe urge Putin to do about the cease-fire in Ukraine?");

        Assert.EndsWith(
            "— The Moscow Times, 10 November 2014 — https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157",
            output.Split("\n\n")[0],
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("What did Abe urge Putin to do about the cease-fire in Ukraine?", "The Moscow Times, 10 November 2014")]
    [InlineData("Why were mutual visits by Russian and Japanese leaders suspended?", "Sputnik, 21 January 2015")]
    [InlineData("Putin Abe talks", null)]
    public async Task Every_passage_returned_is_followed_by_the_bots_own_citation(string question, string? firstSource)
    {
        var output = await seeds.Articles.SearchAsync(question);
        var search = seeds.Articles.Kernel.Services.GetRequiredService<ITextSearch<CitedPassage>>();
        var citations = seeds.Articles.Kernel.Services.GetRequiredService<CitationFormatter>();
        var passages = new List<CitedPassage>();
        await foreach (var passage in (await search.GetSearchResultsAsync(question, new TextSearchOptions<CitedPassage> { Top = 3 })).Results)
        {
            passages.Add(passage);
        }

        Assert.NotEmpty(passages);
        Assert.Equal(passages.Select(p => $"“{p.Text}”\n  — {citations.Format(p.Article)}"), output.Split("\n\n"));
        if (firstSource is not null)
        {
            Assert.Contains(firstSource, output.Split("\n\n")[0], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("What is the best recipe for banana bread?")]
    [InlineData("Who won the 1998 football World Cup?")]
    [InlineData("")]
    public async Task An_off_topic_question_gets_not_in_the_articles(string question)
    {
        var output = await seeds.Articles.SearchAsync(question);

        Assert.Equal(ArticleCitation.NotInTheArticles, output);
    }

    [Fact]
    public async Task Top_bounds_the_passages_returned()
    {
        var one = await seeds.Articles.SearchAsync("Putin Abe talks", top: 1);
        var three = await seeds.Articles.SearchAsync("Putin Abe talks", top: 3);

        Assert.NotEqual(ArticleCitation.NotInTheArticles, one);
        Assert.Single(one.Split("\n\n"));
        Assert.StartsWith(one, three, StringComparison.Ordinal);
        Assert.InRange(three.Split("\n\n").Length, 1, 3);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(50, 10)]
    public async Task A_top_outside_1_to_10_is_clamped_as_the_description_says(int top, int clampedTo)
    {
        var clamped = await seeds.Articles.SearchAsync("Putin Abe talks", top: top);
        var expected = await seeds.Articles.SearchAsync("Putin Abe talks", top: clampedTo);
        var parameter = seeds.Articles.Kernel.Plugins.GetFunction(ArticleSearchPlugin.PluginName, ArticleSearchPlugin.SearchFunctionName).Metadata.Parameters[1];

        Assert.Equal(expected, clamped);
        Assert.NotEqual(ArticleCitation.NotInTheArticles, clamped);
        Assert.Contains("1 to 10 (values outside are clamped to that range)", parameter.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_is_promised_only_when_there_is_one_and_never_a_non_web_one()
    {
        var function = seeds.Articles.Kernel.Plugins.GetFunction(ArticleSearchPlugin.PluginName, ArticleSearchPlugin.SearchFunctionName);
        var search = seeds.Articles.Kernel.Services.GetRequiredService<ITextSearch<CitedPassage>>();
        var results = new List<TextSearchResult>();
        await foreach (var result in (await search.GetTextSearchResultsAsync("Putin Abe talks", new TextSearchOptions<CitedPassage> { Top = 10 })).Results)
        {
            results.Add(result);
        }

        Assert.Contains("a link when the article has one", function.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("date and link", function.Description, StringComparison.Ordinal);
        Assert.All(results, r => Assert.True(r.Link is null || r.Link.StartsWith("https://", StringComparison.Ordinal)));
        Assert.Null(ArticleTextSearch.WebLink("javascript:alert(1)"));
        Assert.Null(ArticleTextSearch.WebLink(""));
    }

    [Fact]
    public async Task An_over_long_query_gets_the_one_line_refusal_not_a_search()
    {
        var output = await seeds.Articles.SearchAsync("Putin Abe talks " + new string('x', 5000));

        Assert.Equal(ConversationTexts.TooLong(5016, 4096), output);
    }

    [Fact]
    public void The_kernel_carries_the_plugin_with_query_and_top()
    {
        var function = seeds.Articles.Kernel.Plugins.GetFunction(ArticleSearchPlugin.PluginName, ArticleSearchPlugin.SearchFunctionName);

        Assert.Equal(["query", "top"], function.Metadata.Parameters.Select(p => p.Name));
        Assert.True(function.Metadata.Parameters[0].IsRequired);
        Assert.Equal(typeof(int), function.Metadata.Parameters[1].ParameterType);
        Assert.Equal("3", function.Metadata.Parameters[1].DefaultValue?.ToString());
        Assert.Contains("publication date", function.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void One_call_registers_the_text_search_and_the_embedding_generator()
    {
        var services = seeds.Articles.Kernel.Services;

        Assert.IsType<ArticleTextSearch>(services.GetRequiredService<ITextSearch<CitedPassage>>());
        Assert.NotNull(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }
}
