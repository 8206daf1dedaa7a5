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

    /// <summary>Answering threw; the user gets one apology instead of silence.</summary>
    Failed,
}

/// <summary>
/// What the bot says back, platform-neutral. <see cref="Text"/> is always a plain-text rendering a surface can send
/// as is (escaped for its markup); <see cref="Answer"/> and <see cref="Articles"/> carry what richer renderers need.
/// </summary>
public sealed record TurnReply(TurnReplyKind Kind, string Text, Answer? Answer = null, IReadOnlyList<ArticleMetadata>? Articles = null);
