using System.CommandLine;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary><c>ingest [--strict]</c>: sync the index with the library's folders and show their metadata.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var strict = new Option<bool>("--strict") { Description = "Exit with code 1 when any file was skipped or a library folder is missing." };
        // The old way to switch folders replaced the whole library; it now says what to use instead.
        var path = new Option<string?>("--path") { Hidden = true };
        var command = new Command("ingest", "Sync the index with the library's folders (see `library`). Unchanged files cost nothing.") { strict, path };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(path) is { } folder)
            {
                await Console.Error.WriteLineAsync(
                    $"ingest --path is gone: it replaced the whole library. Use `library add {folder}` to add the folder " +
                    "(and `library remove DIR` to take one out); `ingest` syncs every folder of the library.");
                return VerbRunner.BadConfiguration;
            }

            return await VerbRunner.RunAsync(async (services, ct) =>
            {
                var report = await services.GetRequiredService<ArticleLibrary>().ReloadAsync(ct);
                var console = AnsiConsole.Console;
                console.MarkupLine(
                    $"added [green]{report.Added.Count}[/], updated [green]{report.Updated.Count}[/], " +
                    $"unchanged {report.Unchanged.Count}, removed {report.Removed.Count}, skipped {report.Skipped.Count}" +
                    (report.Skipped.Count > 0 ? " (the warnings name each file and why)" : string.Empty));
                services.GetRequiredService<ArticleTable>().Write(console, report.Articles);
                return parse.GetValue(strict) && report.Skipped.Count + report.MissingFolders.Count > 0 ? VerbRunner.Failed : VerbRunner.Ok;
            }, cancellationToken, configure: builder => builder.Services.AddSingleton<ArticleTable>());
        });
        return command;
    }
}
