using System.Text;

namespace ChatBot.Core.Answers;

/// <summary>Renders an answer as plain text: each passage quoted, followed by its citation.</summary>
public sealed class PlainTextAnswerRenderer(CitationFormatter citations)
{
    public string Render(Answer answer)
    {
        if (!answer.Answered || answer.Passages.Count == 0)
        {
            return AnswerTexts.Declined;
        }

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
