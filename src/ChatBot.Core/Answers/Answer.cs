namespace ChatBot.Core.Answers;

/// <summary>How sure the bot is, and so how it presents what it found.</summary>
public enum AnswerTier
{
    /// <summary>The first passage answers the question: quoted as the answer.</summary>
    Answered,

    /// <summary>The articles may not answer it directly: the closest passages are shown under an honest line, never as the answer.</summary>
    Closest,

    /// <summary>The articles do not cover it: nothing is cited.</summary>
    Declined,
}

/// <summary>
/// A platform-neutral answer: the tier and exactly the passages to show, in order. Declined answers cite nothing.
/// </summary>
public sealed record Answer(string Question, AnswerTier Tier, IReadOnlyList<CitedPassage> Passages)
{
    /// <summary>An answer (true: <see cref="AnswerTier.Answered"/>) or a decline, for callers without closest passages.</summary>
    public Answer(string question, bool answered, IReadOnlyList<CitedPassage> passages)
        : this(question, answered ? AnswerTier.Answered : AnswerTier.Declined, answered ? passages : [])
    {
    }

    /// <summary>True only for the first tier: a closest passage is never the answer.</summary>
    public bool Answered => Tier == AnswerTier.Answered;

    /// <summary>The calibrated probability that the first passage answers the question; null without a calibration.</summary>
    public double? Confidence { get; init; }

    /// <summary>The evidence behind the decision, for <c>:debug</c> and eval; null when not asked for.</summary>
    public AnswerDiagnostics? Diagnostics { get; init; }

    public static Answer Declined(string question) => new(question, AnswerTier.Declined, []);
}
