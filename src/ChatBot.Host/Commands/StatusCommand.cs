using System.CommandLine;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>status [--json]</c>: one screen on this deployment — the library, the model and its verification, the store
/// and its generation, the platforms configured and, on PostgreSQL, the replicas' claims and the polling leader.
/// Reads only: it does not sync the library.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout instead of the screen." };
        var command = new Command("status", "Show the library, model, store, platforms and (PostgreSQL) replicas.") { json };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var report = await DeploymentStatus.ReadAsync(services, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(report.Serialize());
            }
            else
            {
                report.Write(AnsiConsole.Console);
            }

            return VerbRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
