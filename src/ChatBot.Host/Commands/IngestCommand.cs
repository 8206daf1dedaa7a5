using System.CommandLine;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary><c>ingest [--path DIR]</c>: sync the index with a folder of articles and show their metadata.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var path = new Option<string?>("--path") { Description = "Folder of .txt articles (default: Library:SeedsPath, 'seeds')." };
        var command = new Command("ingest", "Ingest articles: clean, extract metadata, split, index. Unchanged files cost nothing.") { path };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var report = await services.GetRequiredService<ArticleLibrary>().ReloadAsync(parse.GetValue(path), ct);
            var console = AnsiConsole.Console;
            console.MarkupLine(
                $"added [green]{report.Added.Count}[/], updated [green]{report.Updated.Count}[/], " +
                $"unchanged {report.Unchanged.Count}, removed {report.Removed.Count}");
            services.GetRequiredService<ArticleTable>().Write(console, report.Articles);
            return VerbRunner.Ok;
        }, cancellationToken, configure: builder => builder.Services.AddSingleton<ArticleTable>()));
        return command;
    }
}
