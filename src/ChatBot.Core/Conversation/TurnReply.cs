using ChatBot.Core.Answers;
using ChatBot.Core.Articles;

namespace ChatBot.Core.Conversation;

public enum TurnReplyKind
{
    /// <summary>Passages quoted with citations: <see cref="TurnReply.Answer"/>.</summary>
    Answered,

    /// <summary>
    /// Not sure: the closest passages with citations under <see cref="ConversationTexts.Closest"/> (the reply's text),
    /// never presented as the answer.
    /// </summary>
    Closest,

    /// <summary>The article list: <see cref="TurnReply.Articles"/>.</summary>
    Sources,

    Help,
    Greeting,
    EmptyQuestion,

    /// <summary>The articles do not answer; the text names this surface's sources command.</summary>
    Declined,
    RateLimited,

    /// <summary>
    /// Over the limit and already told in this window: surfaces send nothing (the text is the same notice, for a
    /// surface that must answer something, such as a Discord interaction, which shows it only to the asker).
    /// </summary>
    RateLimitedQuietly,

    /// <summary>The question is longer than <see cref="QuestionOptions.MaxLength"/>; the text says so.</summary>
    TooLong,

    /// <summary>Answering threw; the user gets one apology instead of silence.</summary>
    Failed,
}

/// <summary>
/// What the bot says back, platform-neutral. <see cref="Text"/> is always a plain-text rendering a surface can send
/// as is (escaped for its markup); <see cref="Answer"/> and <see cref="Articles"/> carry what richer renderers need.
/// </summary>
public sealed record TurnReply(TurnReplyKind Kind, string Text, Answer? Answer = null, IReadOnlyList<ArticleMetadata>? Articles = null)
{
    /// <summary>False when nothing should be sent back (<see cref="TurnReplyKind.RateLimitedQuietly"/>).</summary>
    public bool ShouldSend => Kind != TurnReplyKind.RateLimitedQuietly;
}
