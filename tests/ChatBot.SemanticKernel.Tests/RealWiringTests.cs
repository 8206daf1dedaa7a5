using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>The library's own embedding wiring (no stand-in model), configured from the bot's <c>Embeddings</c> section.</summary>
public sealed class RealWiringTests
{
    [Fact]
    public async Task The_embedding_section_configures_the_onnx_generator_and_model_source()
    {
        await using var articles = ArticleKernel.Create(
            new Dictionary<string, string?> { ["Embeddings:Model"] = "bge-small-en-v1.5", ["Embeddings:FetchRuntime"] = "false" },
            realEmbeddings: true);
        var services = articles.Kernel.Services;

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.Equal("bge-small-en-v1.5", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        Assert.IsType<OnnxEmbeddingModelSource>(services.GetRequiredService<IEmbeddingModelSource>());
    }

    [Fact]
    public async Task Without_an_installed_model_the_plugin_still_answers_from_bm25_and_still_declines()
    {
        using var emptyModels = new TempDirectory();
        await using var articles = ArticleKernel.Create(ArticleKernel.NoModelInstalled(emptyModels), realEmbeddings: true);

        var answered = await articles.SearchAsync("What did Matviyenko say about Kim Jong Un and denuclearization?");
        var declined = await articles.SearchAsync("What is the capital of France?");

        Assert.Contains("RFE/RL, 10 September 2018", answered, StringComparison.Ordinal);
        Assert.Equal(ArticleCitation.NotInTheArticles, declined);
    }

    [Fact]
    public async Task A_kernel_from_the_apps_own_container_carries_the_plugin_once()
    {
        using var directory = new TempDirectory();
        var configuration = ArticleKernel.Configuration(directory, ArticleKernel.NoModelInstalled(directory));
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
