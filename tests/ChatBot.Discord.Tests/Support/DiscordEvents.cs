using ChatBot.Discord.Tests.Fakes;

namespace ChatBot.Discord.Tests.Support;

/// <summary>Builds gateway event payloads shaped like Discord's (snowflakes as strings).</summary>
public static class DiscordEvents
{
    public const string GuildId = "400000000000000004";
    public const string ChannelId = "410000000000000041";
    public const string DmChannelId = "420000000000000042";
    public const string UserId = "300000000000000003";

    public static object GuildMention(string id, string question, string userId = UserId, bool oldStyle = false) => new
    {
        id,
        channel_id = ChannelId,
        guild_id = GuildId,
        author = new { id = userId, username = "asker" },
        content = $"<@{(oldStyle ? "!" : "")}{FakeDiscord.BotUserId}> {question}",
        mentions = new[] { new { id = FakeDiscord.BotUserId, username = "chatbot", bot = true } },
        type = 0,
    };

    public static object GuildMessage(string id, string content, string userId = UserId, bool bot = false, string guildId = GuildId) => new
    {
        id,
        channel_id = ChannelId,
        guild_id = guildId,
        author = new { id = userId, username = "someone", bot },
        content,
        mentions = Array.Empty<object>(),
        type = 0,
    };

    public static object DirectMessage(string id, string content, string userId = UserId) => new
    {
        id,
        channel_id = DmChannelId,
        author = new { id = userId, username = "asker" },
        content,
        mentions = Array.Empty<object>(),
        type = 0,
    };

    public static object ReplyToBot(string id, string content, string userId = UserId) => new
    {
        id,
        channel_id = ChannelId,
        guild_id = GuildId,
        author = new { id = userId, username = "asker" },
        content,
        mentions = Array.Empty<object>(),
        type = 19,
        message_reference = new { message_id = "555", channel_id = ChannelId, guild_id = GuildId },
        referenced_message = new
        {
            id = "555",
            channel_id = ChannelId,
            author = new { id = FakeDiscord.BotUserId, username = "chatbot", bot = true },
            content = "an earlier answer",
            mentions = Array.Empty<object>(),
        },
    };

    public static object Ask(string id, string token, string question, string? guildId = GuildId, string userId = UserId) => guildId is null
        ? new
        {
            id,
            application_id = FakeDiscord.ApplicationId,
            type = 2,
            token,
            channel_id = DmChannelId,
            user = new { id = userId, username = "asker" },
            data = new { id = "700", name = "ask", type = 1, options = new[] { new { name = "question", type = 3, value = question } } },
        }
        : new
        {
            id,
            application_id = FakeDiscord.ApplicationId,
            type = 2,
            token,
            channel_id = ChannelId,
            guild_id = guildId,
            member = new { user = new { id = userId, username = "asker" } },
            data = new { id = "700", name = "ask", type = 1, options = new[] { new { name = "question", type = 3, value = question } } },
        };

    /// <summary>A slash command without options (/sources, /help) in the test guild.</summary>
    public static object Command(string id, string token, string name, string userId = UserId) => new
    {
        id,
        application_id = FakeDiscord.ApplicationId,
        type = 2,
        token,
        channel_id = ChannelId,
        guild_id = GuildId,
        member = new { user = new { id = userId, username = "asker" } },
        data = new { id = "701", name, type = 1 },
    };
}
