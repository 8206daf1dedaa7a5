namespace ChatBot.Telegram.Bot;

public enum BotRequestKind
{
    /// <summary>Not for this bot (group chatter, other bots' commands, bots' own messages).</summary>
    Ignore,
    Help,
    Sources,
    Question,
}
