using Microsoft.SemanticKernel.Data;

namespace ChatBot.SemanticKernel;

/// <summary>How a cited passage reads when it leaves the library as text: the quote, then where it came from.</summary>
public static class ArticleCitation
{
    /// <summary>What the search function returns when nothing in the articles answers the query.</summary>
    public const string NotInTheArticles =
        "Not in the articles: none of them answers this, so there is nothing to cite. Do not answer it from the articles.";

    /// <summary>The first line above closest passages: a model must not present them as the answer.</summary>
    public const string ClosestPassages =
        "Closest passages (the articles may not answer this directly; do not present these as the answer):";

    /// <summary>“passage” — Title — Publisher, 10 September 2018 — https://…</summary>
    public static string Render(TextSearchResult result) =>
        result.Link is { Length: > 0 } link
            ? $"“{result.Value}”\n  — {result.Name} — {link}"
            : $"“{result.Value}”\n  — {result.Name}";
}
