using System.ComponentModel;
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel;

/// <summary>
/// The kernel plugin <c>articles</c> with one function, <c>search(query, top)</c>: the passages that answer the
/// query, each followed by its citation, or <see cref="ArticleCitation.NotInTheArticles"/>. A model calling it
/// gets text it can quote with the source attached, and a plain statement when there is nothing to quote.
/// </summary>
/// <remarks>A query longer than <see cref="QuestionOptions.MaxLength"/> is not searched: the function returns the one-line refusal.</remarks>
public sealed class ArticleSearchPlugin(ITextSearch<CitedPassage> articles, QuestionOptions? questions = null)
{
    public const string PluginName = "articles";
    public const string SearchFunctionName = "search";

    /// <summary>The plugin as a kernel sees it (what DI registers, and what <c>kernel.Plugins.Add</c> takes).</summary>
    public static KernelPlugin Create(ITextSearch<CitedPassage> articles, QuestionOptions? questions = null) =>
        KernelPluginFactory.CreateFromObject(new ArticleSearchPlugin(articles, questions), PluginName);

    /// <summary>The range of <c>top</c>; a value outside it is clamped, as the function's description tells the model.</summary>
    public const int MinTop = 1;

    /// <inheritdoc cref="MinTop"/>
    public const int MaxTop = 10;

    [KernelFunction(SearchFunctionName)]
    [Description("Searches the news articles. Returns the passages that answer the query, each quoted and followed by its " +
                 "source: article title, publisher and publication date, and a link when the article has one. " +
                 "When the articles may not answer it directly, returns instead the closest passages under a first line " +
                 "starting \"Closest passages\": they are related, not the answer — never present them as the answer; say the " +
                 "articles may not answer it. Says \"Not in the articles\" when none answers.")]
    public async Task<string> SearchAsync(
        [Description("The question or topic to look up in the articles.")] string query,
        [Description("The most passages to return, 1 to 10 (values outside are clamped to that range): the best one, then others nearly as good.")] int top = 3,
        CancellationToken cancellationToken = default)
    {
        top = Math.Clamp(top, MinTop, MaxTop);
        if ((questions ?? new QuestionOptions()).Refusal(query) is { } tooLong)
        {
            return tooLong;
        }

        var found = await articles.GetTextSearchResultsAsync(query, new TextSearchOptions<CitedPassage> { Top = top }, cancellationToken);
        var cited = new List<string>();
        await foreach (var result in found.Results.WithCancellation(cancellationToken))
        {
            cited.Add(ArticleCitation.Render(result));
        }

        if (cited.Count == 0)
        {
            return ArticleCitation.NotInTheArticles;
        }

        var closest = found.Metadata?.GetValueOrDefault(ArticleTextSearch.TierKey) as string == TierNames.Closest;
        return (closest ? ArticleCitation.ClosestPassages + "\n\n" : string.Empty) + string.Join("\n\n", cited);
    }
}
