using System.CommandLine;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Embeddings;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary><c>sources</c>: the articles the bot knows, with title, publisher, date, date basis and link.</summary>
internal static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "List the articles with their metadata.");
        command.SetAction((_, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var report = await services.GetRequiredService<ArticleLibrary>().EnsureCurrentAsync(ct);
            services.GetRequiredService<ArticleTable>().Write(AnsiConsole.Console, report.Articles);
            return VerbRunner.Ok;
        }, cancellationToken, configure: builder => builder.Services.AddSingleton<ArticleTable>()));
        return command;
    }
}
