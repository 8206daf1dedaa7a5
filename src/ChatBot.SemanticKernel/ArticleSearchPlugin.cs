using System.ComponentModel;
using ChatBot.Core.Answers;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel;

/// <summary>
/// The kernel plugin <c>articles</c> with one function, <c>search(query, top)</c>: the passages that answer the
/// query, each followed by its citation, or <see cref="ArticleCitation.NotInTheArticles"/>. A model calling it
/// gets text it can quote with the source attached, and a plain statement when there is nothing to quote.
/// </summary>
public sealed class ArticleSearchPlugin(ITextSearch<CitedPassage> articles)
{
    public const string PluginName = "articles";
    public const string SearchFunctionName = "search";

    /// <summary>The plugin as a kernel sees it (what DI registers, and what <c>kernel.Plugins.Add</c> takes).</summary>
    public static KernelPlugin Create(ITextSearch<CitedPassage> articles) =>
        KernelPluginFactory.CreateFromObject(new ArticleSearchPlugin(articles), PluginName);

    [KernelFunction(SearchFunctionName)]
    [Description("Searches the news articles. Returns the passages that answer the query, each quoted and followed by its " +
                 "source: article title, publisher, publication date and link. Says \"Not in the articles\" when none answers.")]
    public async Task<string> SearchAsync(
        [Description("The question or topic to look up in the articles.")] string query,
        [Description("The most passages to return (the best one, then others nearly as good).")] int top = 3,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var found = await articles.GetTextSearchResultsAsync(query, new TextSearchOptions<CitedPassage> { Top = top }, cancellationToken);
        var cited = new List<string>();
        await foreach (var result in found.Results.WithCancellation(cancellationToken))
        {
            cited.Add(ArticleCitation.Render(result));
        }

        return cited.Count == 0 ? ArticleCitation.NotInTheArticles : string.Join("\n\n", cited);
    }
}
