namespace ChatBot.Core.Answers;

/// <summary>Fixed wording shared by every renderer, so the bot says the same thing everywhere.</summary>
public static class AnswerTexts
{
    public const string Declined =
        "The articles I know don't cover that, so I won't guess. Ask about what they report, or list them with \"sources\".";

    public const string EmptyQuestion = "Please ask a question about the articles.";
}
