using ChatBot.Core.Answers;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel.Data;

// SK 1.82 marks the non-generic ITextSearch, its options and filter obsolete, yet its own helpers
// (CreateWithGetTextSearchResults, CreateWithSearch, CreateWithGetSearchResults, TextSearchProvider) accept nothing else;
// implementing it here is what lets an SK user hand this search to them. The obsolete use stays in this one file.
#pragma warning disable CS0618

namespace ChatBot.SemanticKernel;

/// <summary>The non-generic <see cref="ITextSearch"/> face of the article search, for SK's own text-search helpers.</summary>
public sealed partial class ArticleTextSearch : ITextSearch
{
    /// <summary>The filter fields SK's non-generic <see cref="TextSearchFilter"/> may name.</summary>
    public static IReadOnlyList<string> FilterFields { get; } = ["title", "publisher", "link"];

    public Task<KernelSearchResults<string>> SearchAsync(string query, TextSearchOptions? searchOptions = null, CancellationToken cancellationToken = default) =>
        SearchAsync(query, Typed(searchOptions), cancellationToken);

    public Task<KernelSearchResults<TextSearchResult>> GetTextSearchResultsAsync(
        string query, TextSearchOptions? searchOptions = null, CancellationToken cancellationToken = default) =>
        GetTextSearchResultsAsync(query, Typed(searchOptions), cancellationToken);

    public async Task<KernelSearchResults<object>> GetSearchResultsAsync(
        string query, TextSearchOptions? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var (tier, passages) = await AnswerAsync(query, Typed(searchOptions), cancellationToken);
        return Results<object>(tier, passages.ToList<object>());
    }

    private static TextSearchOptions<CitedPassage> Typed(TextSearchOptions? options)
    {
        if (options is null)
        {
            return new TextSearchOptions<CitedPassage>();
        }

        var clauses = options.Filter?.FilterClauses ?? [];
        var conditions = clauses.Select(Condition).ToList();
        return new TextSearchOptions<CitedPassage>
        {
            Top = options.Top,
            Skip = options.Skip,
            IncludeTotalCount = options.IncludeTotalCount,
            Filter = conditions.Count == 0 ? null : p => conditions.All(condition => condition(p)),
        };
    }

    private static Func<CitedPassage, bool> Condition(FilterClause clause)
    {
        if (clause is not EqualToFilterClause { FieldName: var field, Value: var value })
        {
            throw new ArgumentException($"Only equality filters are supported (on {string.Join(", ", FilterFields)}); got {clause.GetType().Name}.");
        }

        var expected = value?.ToString();
        return field.ToLowerInvariant() switch
        {
            "title" => p => p.Article.Title == expected,
            "publisher" => p => p.Article.Publisher == expected,
            "link" => p => p.Article.Url == expected,
            _ => throw new ArgumentException($"Unknown filter field '{field}'; the articles can be filtered on {string.Join(", ", FilterFields)}."),
        };
    }
}
