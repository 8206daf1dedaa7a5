using System.CommandLine;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>library [add DIR | remove DIR]</c>: the folders the bot answers from. The only verbs that change which
/// articles are in the index; each change is synced at once.
/// </summary>
internal static class LibraryCommand
{
    public static Command Create()
    {
        var command = new Command("library", "List the library's folders; `library add DIR` and `library remove DIR` change them.");
        command.SetAction((_, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var folders = services.GetRequiredService<LibraryFolders>();
            var articles = await services.GetRequiredService<IArticleStore>().GetStoredArticlesAsync(ct);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Folder").AddColumn("Articles in the index").AddColumn("On disk");
            foreach (var folder in folders.Current())
            {
                table.AddRow(Markup.Escape(folder), articles.Count(a => a.Folder == folder).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Directory.Exists(folder) ? "yes" : "[yellow]missing[/]");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(folders.IsRecorded
                ? $"The library is recorded in {folders.FilePath} (by `library add` / `library remove`)."
                : "The library comes from configuration (Library:Folders, else Library:SeedsPath); `library add` records it in " + folders.FilePath + "."));
            return VerbRunner.Ok;
        }, cancellationToken));
        command.Subcommands.Add(Change("add", "Add a folder of .txt articles to the library and ingest it.", (folders, dir) => folders.Add(dir)));
        command.Subcommands.Add(Change("remove", "Take a folder out of the library; its articles leave the index.", (folders, dir) => folders.Remove(dir)));
        return command;
    }

    private static Command Change(string verb, string description, Func<LibraryFolders, string, bool> change)
    {
        var folder = new Argument<string>("folder") { Description = "The folder." };
        var command = new Command(verb, description) { folder };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var dir = Path.GetFullPath(parse.GetValue(folder)!);
            var folders = services.GetRequiredService<LibraryFolders>();
            if (!change(folders, dir))
            {
                await Console.Error.WriteLineAsync(verb == "add" ? $"{dir} is already in the library." : $"{dir} is not in the library; `library` lists its folders.");
                return verb == "add" ? VerbRunner.Ok : VerbRunner.Failed;
            }

            var report = await services.GetRequiredService<ArticleLibrary>().ReloadAsync(ct);
            Console.Out.WriteLine(verb == "add"
                ? $"added {dir} to the library: {report.Added.Count} articles added, {report.Skipped.Count} files skipped; {report.Articles.Count} articles in all"
                : $"removed {dir} from the library: {report.Removed.Count} articles left the index; {report.Articles.Count} articles in all");
            return VerbRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
