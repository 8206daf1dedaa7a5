using ChatBot.Core.Answers;
using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="ITextSearch{TRecord}"/> over the bot's own answering, in its three tiers: the passages
/// that answer the question; or, when the bot is not sure, the closest passages, each result's name starting with
/// <see cref="ClosestMark"/> (and <see cref="TierKey"/> = "closest" in the metadata); or, when the articles do not
/// cover it, no results rather than the nearest irrelevant passage. Each result is cited: its name is the article's title with
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
    /// <summary>Set in <see cref="KernelSearchResults{T}.Metadata"/>: true only when the first result answers the query.</summary>
    public const string AnsweredKey = "answered";

    /// <summary>Set in <see cref="KernelSearchResults{T}.Metadata"/>: "answered", "closest" or "declined".</summary>
    public const string TierKey = "tier";

    /// <summary>Starts the name of every closest-passage result, so each result says its tier wherever it goes.</summary>
    public const string ClosestMark = "[closest passage: may not answer the question] ";

    public async Task<KernelSearchResults<string>> SearchAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var (tier, passages) = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(tier, passages.Select(p => ArticleCitation.Render(ToTextSearchResult(p, tier))).ToList());
    }

    public async Task<KernelSearchResults<TextSearchResult>> GetTextSearchResultsAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var (tier, passages) = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(tier, passages.Select(p => ToTextSearchResult(p, tier)).ToList());
    }

    /// <summary>The results as the bot's own records: the passage and its article's metadata (with the date's basis).</summary>
    public async Task<KernelSearchResults<CitedPassage>> GetSearchResultsAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var (tier, passages) = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(tier, passages);
    }

    /// <summary>A link only when the article has an http(s) one; otherwise none, never an empty or other-scheme link.</summary>
    public static string? WebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? url : null;

    private TextSearchResult ToTextSearchResult(CitedPassage passage, AnswerTier tier) =>
        new(passage.Text)
        {
            Name = (tier == AnswerTier.Closest ? ClosestMark : string.Empty) + $"{passage.Article.Title} — {citations.FormatSourceLine(passage.Article)}",
            Link = WebLink(passage.Article.Url),
        };

    /// <summary>The tier and the passages shown for it (closest passages too: each result says its tier), filtered and paged.</summary>
    private async Task<(AnswerTier Tier, IReadOnlyList<CitedPassage> Passages)> AnswerAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions, CancellationToken cancellationToken)
    {
        var options = searchOptions ?? new TextSearchOptions<CitedPassage>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Top, 1);

        // The answerer cites at most this many passages; asking for the skipped ones too keeps paging consistent.
        var answer = await answerer.AnswerAsync(query ?? string.Empty, options.Skip + options.Top, cancellationToken);
        IEnumerable<CitedPassage> cited = answer.Tier == AnswerTier.Declined ? [] : answer.Passages;
        if (options.Filter is { } filter)
        {
            cited = cited.Where(filter.Compile());
        }

        var shown = cited.Skip(options.Skip).Take(options.Top).ToList();
        return (shown.Count == 0 ? AnswerTier.Declined : answer.Tier, shown);
    }

    private static KernelSearchResults<T> Results<T>(AnswerTier tier, IReadOnlyList<T> results) =>
        new(results.ToAsyncEnumerable(), results.Count, new Dictionary<string, object?>
        {
            [AnsweredKey] = tier == AnswerTier.Answered,
            [TierKey] = TierNames.Of(tier),
        });
}
