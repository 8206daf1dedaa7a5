namespace ChatBot.Core.Conversation;

/// <summary>
/// What a surface calls its commands, so every reply names a command that exists where the user reads it
/// (":sources" in the REPL, "/sources" on Telegram and Discord).
/// </summary>
/// <param name="Name">For logs: "repl", "telegram", "discord".</param>
/// <param name="HelpCommand">How a user asks for help there, e.g. "/help".</param>
/// <param name="SourcesCommand">How a user lists the articles there, e.g. "/sources".</param>
/// <param name="HowToAsk">One sentence on how to put a question on this surface.</param>
public sealed record ConversationSurface(string Name, string HelpCommand, string SourcesCommand, string HowToAsk);
