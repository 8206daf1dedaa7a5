using System.Runtime.CompilerServices;
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
/// </remarks>
public sealed class ArticleTextSearch(IQuestionAnswerer answerer, CitationFormatter citations) : ITextSearch<CitedPassage>
{
    /// <summary>Set in <see cref="KernelSearchResults{T}.Metadata"/>: false when the articles do not answer the query.</summary>
    public const string AnsweredKey = "answered";

    public async Task<KernelSearchResults<string>> SearchAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var answer = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(answer, passages => passages.Select(p => ArticleCitation.Render(ToTextSearchResult(p))));
    }

    public async Task<KernelSearchResults<TextSearchResult>> GetTextSearchResultsAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var answer = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(answer, passages => passages.Select(ToTextSearchResult));
    }

    /// <summary>The results as the bot's own records: the passage and its article's metadata (with the date's basis).</summary>
    public async Task<KernelSearchResults<CitedPassage>> GetSearchResultsAsync(
        string query, TextSearchOptions<CitedPassage>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var answer = await AnswerAsync(query, searchOptions, cancellationToken);
        return Results(answer, passages => passages);
    }

    private TextSearchResult ToTextSearchResult(CitedPassage passage) =>
        new(passage.Text)
        {
            Name = $"{passage.Article.Title} — {citations.FormatSourceLine(passage.Article)}",
            Link = passage.Article.Url,
        };

    private async Task<Found> AnswerAsync(string query, TextSearchOptions<CitedPassage>? searchOptions, CancellationToken cancellationToken)
    {
        var options = searchOptions ?? new TextSearchOptions<CitedPassage>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip);
        if (options.Top < 1)
        {
            return new Found(false, []);
        }

        // The answerer cites at most this many passages; asking for the skipped ones too keeps paging consistent.
        var answer = await answerer.AnswerAsync(query ?? string.Empty, options.Skip + options.Top, cancellationToken);
        IEnumerable<CitedPassage> cited = answer.Answered ? answer.Passages : [];
        if (options.Filter is { } filter)
        {
            cited = cited.Where(filter.Compile());
        }

        return new Found(answer.Answered, cited.Skip(options.Skip).Take(options.Top).ToList());
    }

    private static KernelSearchResults<T> Results<T>(Found found, Func<IEnumerable<CitedPassage>, IEnumerable<T>> map)
    {
        var metadata = new Dictionary<string, object?> { [AnsweredKey] = found.Answered && found.Passages.Count > 0 };
        return new KernelSearchResults<T>(ToAsync(map(found.Passages).ToList()), found.Passages.Count, metadata);
    }

    private sealed record Found(bool Answered, IReadOnlyList<CitedPassage> Passages);

    private static async IAsyncEnumerable<T> ToAsync<T>(IReadOnlyList<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }
}
