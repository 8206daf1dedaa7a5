using ChatBot.Core.Conversation;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Tests.Fakes;

namespace ChatBot.Telegram.Tests;

public sealed class MessageInterpreterTests
{
    private static readonly User Alice = new(7, false, "Alice");
    private static readonly Chat Group = new(-100500, "supergroup", "Readers");
    private static readonly Chat Private = new(7, "private");
    private readonly MessageInterpreter _interpreter = new();

    private static readonly global::Telegram.Bot.Types.User BotUser = WireConversion.ToBot<global::Telegram.Bot.Types.User>(FakeBotApi.Bot);

    private TurnRequest? Interpret(Chat chat, string text, params MessageEntity[] entities) =>
        Interpret(new Message(1, chat, 0, Alice, text, entities));

    private TurnRequest? Interpret(Message message) =>
        _interpreter.Interpret(WireConversion.ToBot<global::Telegram.Bot.Types.Message>(message), BotUser);

    private static TurnRequest Question(string text) => new("telegram:7", TurnIntent.Question, text);

    [Fact]
    public void Mention_after_emoji_uses_utf16_offsets()
    {
        // "👋🏽 " is 5 UTF-16 units: the mention starts at offset 5, not at code point 3.
        var text = "👋🏽 @ThisBot when did Abe meet Putin?";

        var request = Interpret(Group, text, new MessageEntity("mention", 5, 8));

        Assert.Equal(Question("👋🏽  when did Abe meet Putin?"), request);
    }

    [Fact]
    public void Mention_of_another_user_is_ignored_in_groups()
    {
        Assert.Null(Interpret(Group, "@SomeoneElse hi", new MessageEntity("mention", 0, 12)));
    }

    [Fact]
    public void Text_mention_of_the_bot_counts()
    {
        var request = Interpret(Group, "Bot, what about Aleppo?", new MessageEntity("text_mention", 0, 3, FakeBotApi.Bot));

        Assert.Equal(Question(", what about Aleppo?"), request);
    }

    [Theory]
    [InlineData("/ask@ThisBot where?", TurnIntent.Question)]
    [InlineData("/ask@thisbot where?", TurnIntent.Question)]
    [InlineData("/ask@OtherBot where?", null)]
    [InlineData("/sources@ThisBot", TurnIntent.Sources)]
    [InlineData("/weather", null)]
    public void Group_commands(string text, TurnIntent? expected)
    {
        var length = text.IndexOf(' ') is var space and > 0 ? space : text.Length;

        Assert.Equal(expected, Interpret(Group, text, new MessageEntity("bot_command", 0, length))?.Intent);
    }

    [Fact]
    public void Private_text_is_a_question_and_help_commands_explain()
    {
        Assert.Equal(Question("Who met in Nagato?"), Interpret(Private, "  Who met in Nagato? "));
        Assert.Equal(TurnIntent.Help, Interpret(Private, "/start", new MessageEntity("bot_command", 0, 6))?.Intent);
        Assert.Equal(TurnIntent.Help, Interpret(Private, "/foo", new MessageEntity("bot_command", 0, 4))?.Intent);
    }

    [Fact]
    public void Entities_outside_the_text_are_ignored_rather_than_crashing()
    {
        Assert.Null(Interpret(Group, "hi", new MessageEntity("mention", 1, 50)));
    }

    [Fact]
    public void Messages_from_bots_are_ignored()
    {
        var message = new Message(1, Private, 0, new User(9, true, "Other bot"), "hello");

        Assert.Null(Interpret(message));
    }
}
