using System.Globalization;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Conversation;
using ChatBot.Core.Ingestion;
using ChatBot.Host.Output;
using ChatBot.Host.Terminal;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace ChatBot.Host.Repl;

/// <summary>
/// The interactive console: a prompt, answers with their citations, and a few ':' commands.
/// Ctrl+D (end of input) ends the session like :quit; Ctrl+C drops the line being typed and a second Ctrl+C in a
/// row ends the session; a failing :reload is reported and the session goes on. What it says comes from the
/// conversation turn every surface shares, with the REPL's own command names.
/// </summary>
internal sealed class ReplSession(
    IQuestionAnswerer answerer,
    IArticleCatalog catalog,
    ILogger<ConversationTurn> turnLogger,
    ArticleLibrary library,
    ArticleTable articleTable,
    CitationFormatter citations,
    IAnsiConsole console,
    IReplInputSource input)
{
    /// <summary>The REPL's command names; a local console has no per-user limit.</summary>
    public static ConversationSurface Surface { get; } = new("repl", ":help", ":sources", "Type a question and press Enter.");

    private readonly ConversationTurn _turn = new(Surface, answerer, catalog, null, turnLogger);
    private bool _debug;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await library.EnsureCurrentAsync(cancellationToken);
        console.MarkupLine($"[bold]ChatBot[/] — ask about {report.Articles.Count} news articles; every answer says where it came from.");
        console.MarkupLine("[grey]Type a question, :help for commands, :quit or Ctrl+D to leave.[/]");

        var interrupted = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            console.Markup("[bold green]ask>[/] ");
            var read = await input.ReadAsync(cancellationToken);
            if (read.Kind == ReplInputKind.End || (read.Kind == ReplInputKind.Interrupt && interrupted))
            {
                console.WriteLine();
                return;
            }

            if (read.Kind == ReplInputKind.Interrupt)
            {
                interrupted = true;
                console.MarkupLine("[grey](Ctrl+C again, :quit or Ctrl+D to leave)[/]");
                continue;
            }

            interrupted = false;
            var line = read.Line.Trim();
            if (line.StartsWith(':'))
            {
                if (!await RunCommandAsync(line, cancellationToken))
                {
                    return;
                }

                continue;
            }

            var request = new TurnRequest(null, TurnIntent.Question, line);
            if (ConversationTurn.IntentOf(request) == TurnIntent.Sources)
            {
                // "sources" typed without the colon: the same table as :sources, with each article's folder.
                await RunCommandAsync(":sources", cancellationToken);
                continue;
            }

            WriteReply(await _turn.TakeAsync(request, cancellationToken));
        }
    }

    /// <returns>False when the session should end.</returns>
    private async Task<bool> RunCommandAsync(string line, CancellationToken cancellationToken)
    {
        switch (line.ToLowerInvariant())
        {
            case ":quit" or ":q" or ":exit":
                return false;
            case ":help" or ":h" or ":?":
                console.WriteLine((await _turn.TakeAsync(new TurnRequest(null, TurnIntent.Help), cancellationToken)).Text);
                console.MarkupLine(
                    "[bold]:sources[/] list the articles   [bold]:reload[/] re-read the seeds folder   " +
                    "[bold]:debug[/] toggle the evidence behind each tier   [bold]:quit[/] leave (or Ctrl+D)");
                return true;
            case ":sources":
                articleTable.Write(console, (await library.EnsureCurrentAsync(cancellationToken)).Articles);
                return true;
            case ":reload":
                try
                {
                    var report = await library.ReloadAsync(cancellationToken);
                    console.MarkupLine(
                        $"reloaded: added {report.Added.Count}, updated {report.Updated.Count}, " +
                        $"unchanged {report.Unchanged.Count}, removed {report.Removed.Count}, skipped {report.Skipped.Count}");
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
                {
                    // The index as it was still answers; the session goes on.
                    console.MarkupLine($"[red]Reload failed:[/] {Markup.Escape(ex.Message)}");
                }

                return true;
            case ":debug":
                _debug = !_debug;
                console.MarkupLine($"debug is [bold]{(_debug ? "on" : "off")}[/]");
                return true;
            default:
                console.MarkupLine($"[yellow]Unknown command {Markup.Escape(line)}.[/] :help lists the commands.");
                return true;
        }
    }

    private void WriteReply(TurnReply reply)
    {
        if (reply is not { Kind: TurnReplyKind.Answered or TurnReplyKind.Closest, Answer: { } answer })
        {
            console.MarkupLine($"[yellow]{Markup.Escape(reply.Text)}[/]");
            WriteDiagnostics(reply.Answer);
            return;
        }

        if (reply.Kind == TurnReplyKind.Closest)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(reply.Text)}[/]");
            console.WriteLine();
        }

        foreach (var passage in answer.Passages)
        {
            // Spectre drops the markup where the output is not a terminal, so pipes get plain text.
            var (before, highlighted, after) = passage.SplitAtHighlight();
            console.MarkupLine($"[italic]“{Markup.Escape(before)}[bold]{Markup.Escape(highlighted)}[/]{Markup.Escape(after)}”[/]");
            UnbrokenLines.Write(console, "— " + citations.Format(passage.Article), new Style(Color.Grey), indent: "  ");
            if (_debug)
            {
                console.MarkupLine(
                    $"  [blue]{Markup.Escape(passage.Article.Id)}#{passage.Ordinal} score {passage.Score.ToString("F4", CultureInfo.InvariantCulture)}[/]");
            }

            console.WriteLine();
        }

        WriteDiagnostics(answer);
    }

    /// <summary>With :debug on, why the answer got its tier: the estimates, the features and every candidate's evidence.</summary>
    private void WriteDiagnostics(Answer? answer)
    {
        if (!_debug || answer?.Diagnostics is not { } diagnostics)
        {
            return;
        }

        static string F(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";
        console.MarkupLine(Markup.Escape(
            $"  tier {answer.Tier}, rule {diagnostics.Rule}, P(first answers) {F(diagnostics.TopOne)}, P(answer in first three) {F(diagnostics.TopThree)}"));
        if (diagnostics.Features is { } features)
        {
            console.MarkupLine("  [blue]" + Markup.Escape(string.Join("  ", features.Select(f => $"{f.Key} {F(f.Value)}"))) + "[/]");
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("#").AddColumn("passage").AddColumn("rank").AddColumn("cosine").AddColumn("coverage").AddColumn("MaxSim").AddColumn("peak");
        var rank = 1;
        foreach (var candidate in diagnostics.Candidates)
        {
            table.AddRow(
                (rank++).ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{candidate.ArticleId} ({candidate.PassageId})"),
                F(candidate.RankScore), F(candidate.Similarity), F(candidate.Coverage), F(candidate.MaxSim), F(candidate.Peakedness));
        }

        console.Write(table);
    }
}
