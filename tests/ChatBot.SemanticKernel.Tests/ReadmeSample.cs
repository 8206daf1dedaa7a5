using Microsoft.Extensions.Configuration;
using Microsoft.SemanticKernel;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>
/// The README's Semantic Kernel sample, compiled and run here so it cannot rot: the lines between the markers are
/// the README's code block, character for character (<see cref="ReadmeSampleTests"/> checks it).
/// </summary>
internal static class ReadmeSample
{
    public static async Task<string> RunAsync(IConfiguration configuration, string question)
    {
        // readme:start
        Kernel kernel = Kernel.CreateBuilder()
            .AddArticleSearch(configuration)   // the library, the embedding generator and the "articles" plugin
            .Build();

        FunctionResult result = await kernel.InvokeAsync("articles", "search",
            new KernelArguments { ["query"] = question, ["top"] = 3 });
        string cited = result.GetValue<string>()!;   // quoted passages with title, publisher, date and link
        // readme:end
        return cited;
    }
}
