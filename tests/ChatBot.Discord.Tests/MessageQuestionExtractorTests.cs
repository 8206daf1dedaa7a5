using ChatBot.Discord.Bot;
using ChatBot.Discord.Models;

namespace ChatBot.Discord.Tests;

public sealed class MessageQuestionExtractorTests
{
    private static readonly BotIdentity Bot = new("100", "200");
    private static readonly DiscordUser Asker = new("300");
    private readonly MessageQuestionExtractor _extractor = new();

    [Theory]
    [InlineData("<@100> what happened?", "what happened?")]
    [InlineData("what  <@!100>  happened?", "what happened?")]
    [InlineData("<@100>", "")]
    public void Mention_is_removed_from_the_question(string content, string expected)
    {
        var message = new DiscordMessage("1", "c", Asker, content, GuildId: "g", Mentions: [new DiscordUser("100")]);

        Assert.Equal(expected, _extractor.Extract(message, Bot));
    }

    [Fact]
    public void Mention_text_without_a_resolved_mention_is_not_addressed_to_the_bot()
    {
        var message = new DiscordMessage("1", "c", Asker, "<@100> hi", GuildId: "g", Mentions: []);

        Assert.Null(_extractor.Extract(message, Bot));
    }

    [Fact]
    public void Other_users_mentions_stay_in_the_question()
    {
        var message = new DiscordMessage("1", "c", Asker, "<@100> did <@555> say that?", GuildId: "g", Mentions: [new DiscordUser("100"), new DiscordUser("555")]);

        Assert.Equal("did <@555> say that?", _extractor.Extract(message, Bot));
    }

    [Fact]
    public void Webhook_messages_are_ignored()
    {
        var message = new DiscordMessage("1", "c", Asker, "hello", WebhookId: "9");

        Assert.Null(_extractor.Extract(message, Bot));
    }
}
