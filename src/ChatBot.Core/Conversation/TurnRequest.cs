namespace ChatBot.Core.Conversation;

/// <summary>What the user asked for, once the surface has read its own command syntax.</summary>
public enum TurnIntent
{
    /// <summary>Free text: a question, a greeting, or nothing at all.</summary>
    Question,
    Help,
    Sources,
}

/// <summary>One user input for <see cref="ConversationTurn"/>.</summary>
/// <param name="UserKey">Whose limit it counts against, e.g. "telegram:1001"; null means unlimited (the local REPL).</param>
/// <param name="Intent">What the surface's command syntax says.</param>
/// <param name="Text">The question text (commands and mentions already removed).</param>
/// <param name="MaxPassages">Upper bound on cited passages.</param>
public sealed record TurnRequest(string? UserKey, TurnIntent Intent, string Text = "", int MaxPassages = 3);
