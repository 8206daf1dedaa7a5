using System.CommandLine;
using ChatBot.Host.Commands;

var root = new RootCommand("ChatBot: answers questions about a set of news articles, always citing the source.")
{
    ReplCommand.Create(),
    AskCommand.Create(),
    IngestCommand.Create(),
    SourcesCommand.Create(),
    EvalCommand.Create(),
    RunCommand.Create(),
    EmbedCommand.Create(),
    ModelsCommand.Create(),
    BenchCommand.Create(),
};
ReplCommand.SetAction(root);
return await root.Parse(args).InvokeAsync();
