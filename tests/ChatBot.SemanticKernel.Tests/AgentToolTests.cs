using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace ChatBot.SemanticKernel.Tests;

/// <summary>
/// The plugin as an agent meets it: a model asks for <c>articles.search</c> through Microsoft.Extensions.AI's function
/// calling, and what comes back to the model is the cited text (or the decline), never a bare passage.
/// </summary>
public sealed class AgentToolTests(ArticleSearchPluginTests.SeedKernel seeds) : IClassFixture<ArticleSearchPluginTests.SeedKernel>
{
    [Theory]
    [InlineData("Did they discuss Pyongyang's nukes?", "  — Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea — RFE/RL, 10 September 2018")]
    [InlineData("How do I bake a chocolate cake?", ArticleCitation.NotInTheArticles)]
    public async Task A_model_calling_the_tool_receives_the_citation_or_the_decline(string question, string expected)
    {
        var kernel = seeds.Articles.Kernel;
        AIFunction tool = kernel.Plugins.GetFunction(ArticleSearchPlugin.PluginName, ArticleSearchPlugin.SearchFunctionName).WithKernel(kernel);
        using var model = new ToolCallingModel(tool.Name, question);
        using var agent = new FunctionInvokingChatClient(model);

        var response = await agent.GetResponseAsync(question, new ChatOptions { Tools = [tool] });

        Assert.Equal(1, model.ToolResultsSeen);
        Assert.Contains(expected, response.Text, StringComparison.Ordinal);
    }

    /// <summary>A scripted model: first asks for the tool with the user's question, then answers with what the tool returned.</summary>
    private sealed class ToolCallingModel(string toolName, string question) : IChatClient
    {
        public int ToolResultsSeen { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
            ToolResultsSeen = results.Count;
            ChatMessage reply = results.Count == 0
                ? new(ChatRole.Assistant, [new FunctionCallContent("call-1", toolName, new Dictionary<string, object?> { ["query"] = question, ["top"] = 1 })])
                : new(ChatRole.Assistant, string.Join("\n", results.Select(r => r.Result?.ToString())));
            return Task.FromResult(new ChatResponse(reply));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The scripted model answers in one piece.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
