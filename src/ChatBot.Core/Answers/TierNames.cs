namespace ChatBot.Core.Answers;

/// <summary>The tiers' names wherever they leave the process as text: eval rows, <c>ask --json</c>, Semantic Kernel metadata.</summary>
public static class TierNames
{
    public const string Answered = "answered";
    public const string Closest = "closest";
    public const string Declined = "declined";

    public static string Of(AnswerTier tier) => tier switch
    {
        AnswerTier.Answered => Answered,
        AnswerTier.Closest => Closest,
        _ => Declined,
    };
}
