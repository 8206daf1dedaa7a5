using ChatBot.Core.Conversation;

namespace ChatBot.Core.Diagnostics;

/// <summary>
/// The <c>outcome</c> label of <c>chatbot_questions_total</c>: one closed set for every surface. "closest" is the
/// tier between answered and declined: the nearest passages shown under an honest line, never as the answer.
/// </summary>
public static class QuestionOutcome
{
    public const string Answered = "answered";
    public const string Closest = "closest";
    public const string Declined = "declined";
    public const string RateLimited = "rate-limited";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Answered, Closest, Declined, RateLimited, Failed];

    /// <summary>The outcome of a turn that took a question, or null for replies that are not answers to one (help, greeting, sources, empty input).</summary>
    public static string? Of(TurnReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Kind switch
        {
            TurnReplyKind.Answered => Answered,
            TurnReplyKind.Closest => Closest,
            TurnReplyKind.Declined => Declined,
            TurnReplyKind.RateLimited => RateLimited,
            TurnReplyKind.Failed => Failed,
            _ => null,
        };
    }
}
