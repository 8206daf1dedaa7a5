using ChatBot.Core.Answers;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="ITextSearch{TRecord}"/> over the bot's own answering: the hybrid retriever picks the passages
/// and the answer policy keeps only those that answer the question, so a question the articles do not answer gets
/// no results rather than the nearest irrelevant passage. Each result is cited: its name is the article's title with
/// publisher and date, its value the passage, its link the article's URL.
/// </summary>
/// <remarks>
/// Results are the passages the bot itself would cite (the best one, then others from other articles that rank
/// nearly as well), so <see cref="TextSearchOptions{TRecord}.Top"/> is an upper bound, not a promise. A
/// <see cref="TextSearchOptions{TRecord}.Filter"/> (e.g. <c>p =&gt; p.Article.Publisher == "RFE/RL"</c>) narrows those
/// passages; it never lets in one the policy declined.
/// <para>
/// It is also SK's non-generic <see cref="ITextSearch"/>, because SK 1.82's own helpers take only that one:
/// <c>CreateWithGetTextSearchResults</c>, <c>CreateWithSearch</c>, <c>CreateWithGetSearchResults</c> and
/// <c>TextSearchProvider</c> all work with this search (ArticleTextSearch.NonGeneric.cs). Their <see cref="TextSearchFilter"/> may hold equality clauses on
/// <c>title</c>, <c>publisher</c> and <c>link</c>; any other field is refused with an <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
public sealed partial class ArticleTextSearch(IQuestionAnswerer answerer, CitationFormatter citations) : ITextSearch<CitedPassage>
{
    /// <summary>Set in <see cref="KernelSearchResults{T}.Metadata"/>: false when the articles do not answer the query.</summary>
    public const string AnsweredKey = "answered";

    public async Task<KernelSearchResults<string>> SearchAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var passages = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(passages.Select(p => ArticleCitation.Render(ToTextSearchResult(p))).ToList());
    }

    public async Task<KernelSearchResults<TextSearchResult>> GetTextSearchResultsAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var passages = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(passages.Select(ToTextSearchResult).ToList());
    }

    /// <summary>The results as the bot's own records: the passage and its article's metadata (with the date's basis).</summary>
    public async Task<KernelSearchResults<CitedPassage>> GetSearchResultsAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var passages = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(passages);
    }

    /// <summary>A link only when the article has an http(s) one; otherwise none, never an empty or other-scheme link.</summary>
    public static string? WebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? url : null;

    private TextSearchResult ToTextSearchResult(CitedPassage passage) =>
        new(passage.Text)
        {
            Name = $"{passage.Article.Title} — {citations.FormatSourceLine(passage.Article)}",
            Link = WebLink(passage.Article.Url),
        };

    private async Task<IReadOnlyList<CitedPassage>> AnswerAsync(string query, TextSearchOptions<CitedPassage>? searchOptions, CancellationToken cancellationToken)
    {
        var options = searchOptions ?? new TextSearchOptions<CitedPassage>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Top, 1);

        // The answerer cites at most this many passages; asking for the skipped ones too keeps paging consistent.
        var answer = await answerer.AnswerAsync(query ?? string.Empty, options.Skip + options.Top, cancellationToken);
        IEnumerable<CitedPassage> cited = answer.Answered ? answer.Passages : [];
        if (options.Filter is { } filter)
        {
            cited = cited.Where(filter.Compile());
        }

        return cited.Skip(options.Skip).Take(options.Top).ToList();
    }

    private static KernelSearchResults<T> Results<T>(IReadOnlyList<T> results) =>
        new(results.ToAsyncEnumerable(), results.Count, new Dictionary<string, object?> { [AnsweredKey] = results.Count > 0 });
}
