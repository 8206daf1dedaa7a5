using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.Retrieval;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>The library's own embedding wiring (no stand-in model) when there is no model: the reason, and BM25 alone.</summary>
public sealed class RealWiringTests
{
    [Fact]
    public async Task The_model_source_is_the_one_set_up_and_a_turned_off_model_makes_the_generator_say_why()
    {
        await using var articles = ArticleKernel.Create(
            new Dictionary<string, string?> { ["Embeddings:Model"] = "none" }, realEmbeddings: true);
        var services = articles.Kernel.Services;

        Assert.Same(services.GetRequiredService<EmbeddingModelSetup>(), services.GetRequiredService<IEmbeddingModelSource>());
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Contains("embeddings are turned off (Embeddings:Model = none)", error.Message, StringComparison.Ordinal);
        Assert.Contains("RFE/RL, 10 September 2018", await articles.SearchAsync("What did Matviyenko say about Kim Jong Un and denuclearization?"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_installed_model_the_search_says_why_instead_of_answering_from_bm25_alone()
    {
        using var emptyModels = new TempDirectory();
        await using var articles = ArticleKernel.Create(ArticleKernel.NoModelInstalled(emptyModels), realEmbeddings: true);

        var search = await Assert.ThrowsAnyAsync<Exception>(() => articles.SearchAsync("What did Matviyenko say about Kim Jong Un and denuclearization?"));
        var textSearch = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            articles.Kernel.Services.GetRequiredService<ArticleTextSearch>().GetSearchResultsAsync("Where is Nagato?"));
        var error = Assert.Throws<InvalidOperationException>(() => articles.Kernel.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());

        Assert.Contains("model 'arctic-embed-xs'", search.Message, StringComparison.Ordinal);
        Assert.Contains("Embeddings:Model = none", textSearch.Message, StringComparison.Ordinal);
        Assert.Contains("content root", textSearch.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", textSearch.Message + error.Message, StringComparison.Ordinal);
        Assert.Contains("model 'arctic-embed-xs'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kernel_from_the_apps_own_container_carries_the_plugin_once()
    {
        using var directory = new TempDirectory();
        var configuration = ArticleKernel.Configuration(directory, ArticleKernel.Bm25Only());
        var registrationsOfOneCall = new ServiceCollection().AddArticleSearch(configuration).Count;
        var services = new ServiceCollection();
        services.AddArticleSearch(configuration);
        services.AddArticleSearch(configuration);
        Assert.Equal(registrationsOfOneCall, services.Count);   // a second call would otherwise ingest twice
        services.AddKernel();

        await using (var provider = services.BuildServiceProvider(validateScopes: true))
        {
            var kernel = provider.GetRequiredService<Kernel>();
            var result = await kernel.InvokeAsync("articles", "search", new KernelArguments { ["query"] = "Where is Nagato?" });

            Assert.Single(kernel.Plugins);
            Assert.NotEqual(ArticleCitation.NotInTheArticles, result.GetValue<string>());
        }

        SqliteConnection.ClearAllPools();
    }
}
