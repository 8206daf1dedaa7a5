// readme:head:start
#pragma warning disable SKEXP0001   // SK 1.82 marks ITextSearch<TRecord> experimental; the plugin call alone needs no pragma
using ChatBot.Core.Answers;         // CitedPassage: the passage with its article's title, publisher, date and link
using ChatBot.SemanticKernel;       // AddArticleSearch, ArticleTextSearch
using Microsoft.Extensions.DependencyInjection;   // GetRequiredService
using Microsoft.SemanticKernel;     // Kernel, KernelArguments, FunctionResult
using Microsoft.SemanticKernel.Data;   // ITextSearch<TRecord>, TextSearchOptions<TRecord>, KernelSearchResults<T>
// readme:head:end
using Microsoft.Extensions.Configuration;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>
/// The README's Semantic Kernel sample, compiled and run here so it cannot rot: the lines between the head markers
/// and between the body markers are the README's code block, character for character (<see cref="ReadmeSampleTests"/>
/// checks it). This project does not suppress SKEXP0001 itself, so the sample's pragma is what lets it compile.
/// </summary>
internal static class ReadmeSample
{
    public static async Task<(string Cited, List<CitedPassage> Passages)> RunAsync(IConfiguration configuration, string question)
    {
        // readme:start
        Kernel kernel = Kernel.CreateBuilder()
            .AddArticleSearch(configuration)   // the library, the embedding generator and the "articles" plugin
            .Build();

        FunctionResult result = await kernel.InvokeAsync("articles", "search",
            new KernelArguments { ["query"] = question, ["top"] = 3 });   // top is clamped to 1..10
        string cited = result.GetValue<string>()!;   // quoted passages with title, publisher, date (and link, when there is one)

        // The same search as an ITextSearch, with each passage's article as a record:
        ITextSearch<CitedPassage> search = kernel.Services.GetRequiredService<ITextSearch<CitedPassage>>();
        KernelSearchResults<CitedPassage> found = await search.GetSearchResultsAsync(question, new TextSearchOptions<CitedPassage> { Top = 3 });
        List<CitedPassage> passages = await found.Results.ToListAsync();
        // readme:end
        return (cited, passages);
    }
}
