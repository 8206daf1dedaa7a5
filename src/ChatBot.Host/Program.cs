using System.CommandLine;
using ChatBot.Host.Commands;
using ChatBot.Host.Hosting;
using ChatBot.Host.Terminal;
using Spectre.Console;

// Every verb writes through this console: escape codes only on a terminal and never under NO_COLOR.
AnsiConsole.Console = TerminalConsole.Create(TerminalCapabilities.Detect(), Console.Out);

var root = new RootCommand("ChatBot: answers questions about a set of news articles, always citing the source.")
{
    ReplCommand.Create(),
    AskCommand.Create(),
    IngestCommand.Create(),
    LibraryCommand.Create(),
    SourcesCommand.Create(),
    StatusCommand.Create(),
    EvalCommand.Create(),
    RunCommand.Create(),
    EmbedCommand.Create(),
    ModelsCommand.Create(),
    BenchCommand.Create(),
};
root.Options.Add(new Option<bool>(CommandLineFlags.VerboseName) { Description = "Show stack traces with errors, and progress logs.", Recursive = true });
ReplCommand.SetAction(root);
// Response files off: an argument starting with '@' is a question ("@everyone …"), never a file to read arguments from.
var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
// The REPL handles Ctrl+C itself (the first clears the line, a second leaves); other verbs stop on it.
var isRepl = parse.CommandResult.Command == root || parse.CommandResult.Command.Name == "repl";
return await parse.InvokeAsync(isRepl ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null);
