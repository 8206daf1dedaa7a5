using System.Text.RegularExpressions;

namespace ChatBot.Core.Conversation;

/// <summary>
/// A whole message that is only a greeting or thanks: "hi, what did Abe say?" is a question. The turn greets back;
/// the answerer (reached without a turn by <c>ask</c> and Semantic Kernel) declines rather than quote "Putin thanked…".
/// </summary>
public static partial class SmallTalk
{
    public static bool IsMatch(string text) => Pattern().IsMatch(text.Trim());

    [GeneratedRegex(@"^(hi|hello|hey|hallo|howdy|greetings|good (morning|afternoon|evening|day)|thanks|thank you|thx)( there| bot| a lot| so much)?[\s!.,:)]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
