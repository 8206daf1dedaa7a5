namespace ChatBot.Core.Conversation;

/// <summary>The bot's fixed wording, one place for every surface; command names come from the surface.</summary>
public static class ConversationTexts
{
    public const string EmptyQuestion = "Please ask a question about the articles.";

    public const string SlowDown = "You're asking faster than I can keep up. Please wait a minute and ask again.";

    public const string Failed = "Sorry, something went wrong while I was looking that up. Please try again in a moment.";

    /// <summary>The line above closest passages: they are shown because they might help, never as the answer.</summary>
    public const string Closest = "The articles may not answer this directly; the closest passages are:";

    public const string NoArticles = "I don't have any articles loaded yet.";

    public static string Declined(ConversationSurface surface) =>
        $"The articles I know don't cover that, so I won't guess. Ask about what they report, or list them with {surface.SourcesCommand}.";

    public static string Greeting(ConversationSurface surface) =>
        $"Hello! Ask me a question about the news articles I know and I'll quote the passage that answers it, with its source. {surface.HelpCommand} tells you more.";

    public static string Help(ConversationSurface surface) =>
        "I answer questions about a small set of news articles on relations between Russia and Japan, "
        + "and I always quote the passage and cite its source (title, publisher, date, link). "
        + "If the articles don't cover something, I say so instead of guessing.\n\n"
        + surface.HowToAsk + "\n"
        + $"{surface.SourcesCommand} lists the articles with their dates.";
}
