using System.CommandLine;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using ChatBot.Host.Repl;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary><c>repl</c> (the default verb): chat with the bot in the console.</summary>
internal static class ReplCommand
{
    public static Command Create()
    {
        var command = new Command("repl", "Interactive console (the default).");
        SetAction(command);
        return command;
    }

    /// <summary>Also used by the root command, so a bare <c>dotnet run</c> starts the REPL.</summary>
    public static void SetAction(Command command) =>
        command.SetAction((_, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            using IReplInputSource input = Console.IsInputRedirected
                ? new TextReaderInput(Console.In, handleCtrlC: true)
                : new TerminalLineEditor(() => Console.ReadKey(intercept: true), Console.Out);
            var session = ActivatorUtilities.CreateInstance<ReplSession>(services, AnsiConsole.Console, input);
            await session.RunAsync(ct);
            return VerbRunner.Ok;
        }, cancellationToken, configure: builder => builder.Services.AddSingleton<ArticleTable>()));
}
