using System.CommandLine;
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using ChatBot.Host.Hosting;
using ChatBot.Host.Output;
using ChatBot.Host.Terminal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>ask "question" [--json]</c>: one answer, for scripts and quick checks. <c>ask -</c>, or <c>ask</c> with
/// standard input redirected, reads the question from standard input (any text, including one starting with '-' or '@').
/// </summary>
internal static class AskCommand
{
    public const string FromStandardInput = "-";

    /// <summary>The upper bound of <see cref="QuestionOptions.MaxLength"/>'s range: stdin is never read further.</summary>
    private const int MaxStandardInput = 1_000_000;

    public static Command Create()
    {
        var question = new Argument<string?>("question")
        {
            Description = "The question, in quotes; '-' (or none, with input piped) reads it from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (answer and cited passages) on stdout." };
        var command = new Command("ask", "Answer one question from the articles, with citations.") { question, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = await ReadQuestionAsync(parse.GetValue(question), cancellationToken);
            if (text is null)
            {
                await Console.Error.WriteLineAsync("Error: no question. Run `ask \"your question\"`, or pipe it in: `echo \"your question\" | ask -`.");
                return VerbRunner.BadConfiguration;
            }

            return await VerbRunner.RunAsync(async (services, ct) =>
            {
                if (services.GetRequiredService<IOptions<QuestionOptions>>().Value.Refusal(text) is { } tooLong)
                {
                    await Console.Error.WriteLineAsync("Error: " + tooLong);
                    return VerbRunner.BadConfiguration;
                }

                var answer = await services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(text, cancellationToken: ct);
                // Bold (and nothing else) only on a terminal: pipes and --json get the plain text.
                var bold = !parse.GetValue(json) && TerminalCapabilities.Detect().StdoutAnsi ? TerminalBold : (Func<string, string>?)null;
                var reply = services.GetRequiredService<PlainTextAnswerRenderer>().Render(answer, bold);
                Console.Out.WriteLine(parse.GetValue(json) ? AskJson.From(answer, reply).Serialize() : reply);
                return VerbRunner.Ok;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>The argument, or standard input for "-" or no argument with input redirected; null when there is none.</summary>
    private static async Task<string?> ReadQuestionAsync(string? argument, CancellationToken cancellationToken)
    {
        if (argument is not null && argument != FromStandardInput)
        {
            return argument;
        }

        if (argument is null && !Console.IsInputRedirected)
        {
            return null;
        }

        // Read no more than the longest question any setting allows (plus one, so an over-long one is still refused).
        var buffer = new char[MaxStandardInput + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await Console.In.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }

        var text = new string(buffer, 0, read).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string TerminalBold(string text) => $"\u001b[1m{text}\u001b[22m";
}
