using System.Text;
using ChatBot.Core.Conversation;

namespace ChatBot.Core.Answers;

/// <summary>Renders a reply as plain text: each passage quoted, followed by its citation; other replies as their text.</summary>
public sealed class PlainTextAnswerRenderer(CitationFormatter citations)
{
    /// <summary>The command line's own surface: the `sources` verb lists the articles.</summary>
    public static ConversationSurface CommandLine { get; } =
        new("cli", "chatbot --help", "the `sources` verb", "Run `ask \"your question\"`.");

    public string Render(Answer answer) =>
        answer.Answered && answer.Passages.Count > 0 ? RenderPassages(answer) : ConversationTexts.Declined(CommandLine);

    public string Render(TurnReply reply) =>
        reply.Kind == TurnReplyKind.Answered && reply.Answer is { } answer ? RenderPassages(answer) : reply.Text;

    private string RenderPassages(Answer answer)
    {
        var text = new StringBuilder();
        foreach (var passage in answer.Passages)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append('“').Append(passage.Text).Append("”\n");
            text.Append("  — ").Append(citations.Format(passage.Article)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
