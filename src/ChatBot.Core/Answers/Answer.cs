namespace ChatBot.Core.Answers;

/// <summary>
/// A platform-neutral answer: the ranked passages actually cited, best first.
/// When <see cref="Answered"/> is false, <see cref="Passages"/> is empty: nothing is cited.
/// </summary>
public sealed record Answer(string Question, bool Answered, IReadOnlyList<CitedPassage> Passages)
{
    public static Answer Declined(string question) => new(question, false, []);
}
