using System.Text;
using ChatBot.Core.Conversation;

namespace ChatBot.Core.Answers;

/// <summary>Renders a reply as plain text: each passage quoted, followed by its citation; other replies as their text.</summary>
public sealed class PlainTextAnswerRenderer(CitationFormatter citations)
{
    /// <summary>The command line's own surface: the `sources` verb lists the articles.</summary>
    public static ConversationSurface CommandLine { get; } =
        new("cli", "chatbot --help", "the `sources` verb", "Run `ask \"your question\"`.");

    /// <param name="answer">What to render: the answer, the closest passages under their line, or the decline.</param>
    /// <param name="emphasize">Marks the answering sentence (e.g. bold on a terminal); null leaves it plain, as in pipes.</param>
    public string Render(Answer answer, Func<string, string>? emphasize = null) => answer switch
    {
        { Passages.Count: 0 } or { Tier: AnswerTier.Declined } => ConversationTexts.Declined(CommandLine),
        { Tier: AnswerTier.Closest } => ConversationTexts.Closest + "\n\n" + RenderPassages(answer, emphasize),
        _ => RenderPassages(answer, emphasize),
    };

    private string RenderPassages(Answer answer, Func<string, string>? emphasize)
    {
        var text = new StringBuilder();
        foreach (var passage in answer.Passages)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            var (before, highlighted, after) = passage.SplitAtHighlight();
            var quoted = emphasize is null || highlighted.Length == 0 ? passage.Text : before + emphasize(highlighted) + after;
            text.Append('“').Append(quoted).Append("”\n");
            text.Append("  — ").Append(citations.Format(passage.Article)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
