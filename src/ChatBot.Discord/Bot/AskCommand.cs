using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Bot;

/// <summary>The <c>/ask question:&lt;text&gt;</c> slash command.</summary>
internal static class AskCommand
{
    public const string Name = "ask";
    public const string QuestionOption = "question";

    public static ApplicationCommandDefinition Definition { get; } = new(
        Name,
        "Ask about the news articles I know; I quote and cite them.",
        [new ApplicationCommandOptionDefinition(ApplicationCommandOptionDefinition.StringType, QuestionOption, "What you want to know", Required: true, MaxLength: 1000)]);
}
