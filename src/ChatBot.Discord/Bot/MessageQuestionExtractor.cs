using System.Text.RegularExpressions;
using ChatBot.Discord.Models;

namespace ChatBot.Discord.Bot;

/// <summary>
/// Decides whether a message is addressed to the bot — a DM, a mention, or a reply to one of its messages —
/// and returns the question with the bot's mention removed. Messages from bots (itself included) are ignored.
/// </summary>
public sealed class MessageQuestionExtractor
{
    /// <returns>The question (possibly empty), or null when the message is not for the bot.</returns>
    public string? Extract(DiscordMessage message, BotIdentity bot)
    {
        if (message.Author.Bot == true || message.Author.Id == bot.UserId || message.WebhookId is not null)
        {
            return null;
        }

        var isDirectMessage = message.GuildId is null;
        // Discord's mentions[] is authoritative; the text may hold a mention that was not resolved.
        var mentionsBot = message.Mentions?.Any(u => u.Id == bot.UserId) == true;
        var repliesToBot = message.ReferencedMessage?.Author.Id == bot.UserId;
        if (!isDirectMessage && !mentionsBot && !repliesToBot)
        {
            return null;
        }

        var text = message.Content ?? "";
        text = Regex.Replace(text, $@"<@!?{Regex.Escape(bot.UserId)}>", " ");
        return Regex.Replace(text, @"\s+", " ").Trim();
    }
}
