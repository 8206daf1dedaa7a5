namespace ChatBot.Discord.Bot;

/// <summary>Who the bot is, learned from READY: its user id (to spot mentions and replies) and application id.</summary>
public sealed record BotIdentity(string UserId, string ApplicationId);
