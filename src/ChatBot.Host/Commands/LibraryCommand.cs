using System.CommandLine;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>library [add DIR | remove DIR | sync]</c>: the folders the bot answers from, kept in the store so every process
/// (and every replica of a shared database) reads the same list. The only verbs that change which folders are in
/// the library; each change is synced at once.
/// </summary>
internal static class LibraryCommand
{
    public static Command Create()
    {
        var command = new Command("library", "List the library's folders; `library add DIR` and `library remove DIR` change them for every process.");
        command.SetAction((_, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var folders = services.GetRequiredService<LibraryFolders>();
            var articles = await services.GetRequiredService<IArticleStore>().GetStoredArticlesAsync(ct);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Folder").AddColumn("Articles in the index").AddColumn("On this machine");
            foreach (var folder in await folders.CurrentAsync(ct))
            {
                var shown = folder.Key == folder.Path ? folder.Key : $"{folder.Key} ({folder.Path})";
                table.AddRow(Markup.Escape(shown),
                    articles.Count(a => a.Folder == folder.Key || a.Folder == folder.Path).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Directory.Exists(folder.Path) ? "yes" : "[yellow]not here (answered from the store)[/]");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(await folders.IsRecordedAsync(ct)
                ? $"The library is recorded in the database (by `library add` / `library remove`); relative folders are under the content root {folders.Root}."
                : $"The library comes from configuration (Library:Folders, else Library:SeedsPath), relative to the content root {folders.Root}; `library add` records it in the database."));
            return VerbRunner.Ok;
        }, cancellationToken));
        command.Subcommands.Add(Change("add", "Add a folder of .txt articles to the library (for every process) and ingest it.", (folders, dir, ct) => folders.AddAsync(dir, ct)));
        command.Subcommands.Add(Change("remove", "Take a folder out of the library (for every process); its articles leave the index.", (folders, dir, ct) => folders.RemoveAsync(dir, ct)));
        command.Subcommands.Add(Sync());
        return command;
    }

    private static Command Change(string verb, string description, Func<LibraryFolders, string, CancellationToken, Task<bool>> change)
    {
        var folder = new Argument<string>("folder") { Description = "The folder." };
        var command = new Command(verb, description) { folder };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var dir = Path.GetFullPath(parse.GetValue(folder)!);
            var folders = services.GetRequiredService<LibraryFolders>();
            if (!await change(folders, dir, ct))
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

    /// <summary>The sync a replica does at start-up, as a job of its own (for <c>Library:SyncOnStart = false</c>).</summary>
    private static Command Sync()
    {
        var command = new Command("sync", "Sync the index with every library folder this machine can read (what a start-up does); prints the counts.");
        command.SetAction((_, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = await services.GetRequiredService<ArticleLibrary>().ReloadAsync(ct);
            Console.Out.WriteLine(
                $"synced in {clock.ElapsedMilliseconds} ms: {report.Added.Count} added, {report.Updated.Count} updated, {report.Unchanged.Count} unchanged, {report.Removed.Count} removed, " +
                $"{report.Skipped.Count} skipped; {report.MissingFolders.Count} folders not on this machine; {report.Articles.Count} articles in all");
            return VerbRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
