using System.CommandLine;
using ChatBot.Core.Answers;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using ChatBot.Host.Terminal;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Host.Commands;

/// <summary><c>ask "question" [--json]</c>: one answer, for scripts and quick checks.</summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (answer and cited passages) on stdout." };
        var command = new Command("ask", "Answer one question from the articles, with citations.") { question, json };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var answer = await services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(parse.GetValue(question) ?? string.Empty, cancellationToken: ct);
            // Bold (and nothing else) only on a terminal: pipes and --json get the plain text.
            var bold = !parse.GetValue(json) && TerminalCapabilities.Detect().StdoutAnsi ? TerminalBold : (Func<string, string>?)null;
            var reply = services.GetRequiredService<PlainTextAnswerRenderer>().Render(answer, bold);
            Console.Out.WriteLine(parse.GetValue(json) ? AskJson.From(answer, reply).Serialize() : reply);
            return VerbRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static string TerminalBold(string text) => $"\u001b[1m{text}\u001b[22m";
}
