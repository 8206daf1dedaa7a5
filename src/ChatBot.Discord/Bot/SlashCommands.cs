using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Bot;

/// <summary>The slash commands: <c>/ask question:&lt;text&gt;</c>, <c>/sources</c> and <c>/help</c>.</summary>
internal static class SlashCommands
{
    public const string AskName = "ask";
    public const string SourcesName = "sources";
    public const string HelpName = "help";
    public const string QuestionOption = "question";

    public static ApplicationCommandDefinition Ask { get; } = new(
        AskName,
        "Ask about the news articles I know; I quote and cite them.",
        [new ApplicationCommandOptionDefinition(ApplicationCommandOptionDefinition.StringType, QuestionOption, "What you want to know", Required: true, MaxLength: 1000)]);

    public static ApplicationCommandDefinition Sources { get; } = new(SourcesName, "List the articles I answer from, with their dates.", []);

    public static ApplicationCommandDefinition Help { get; } = new(HelpName, "What I know and how to ask me.", []);

    public static IReadOnlyList<ApplicationCommandDefinition> All { get; } = [Ask, Sources, Help];
}
