using Xunit.Abstractions;
using ChatBot.Core.Conversation;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Tests.Fakes;
using ChatBot.Testing;

namespace ChatBot.Telegram.Tests;

/// <summary>The bot against telegram-test-api@4.2.1 (npm), a Bot API emulator written by others.</summary>
public sealed class TelegramTestApiTests(ITestOutputHelper output)
{
    // The emulator does not check tokens; any well-formed one does.
    private const string Token = "123456:TEST-token_for-telegram-test-api";

    [Fact]
    public async Task The_bot_answers_a_question_with_an_inferred_date_and_declines_an_off_topic_one()
    {
        await using var seed = await SeedAnswerer.CreateAsync();
        await using var emulator = await TelegramTestApiEmulator.StartAsync(Token);
        var logs = new CapturingLoggerProvider();
        await using var bot = await TestBotHost.StartAsync(
            emulator.ApiUrl, Token, seed.Answerer, seed.Catalog, seed.State, logs,
            settings: new Dictionary<string, string?> { ["Telegram:RateLimit:QuestionsPerWindow"] = "20" });

        await emulator.SayAsync("When did Putin and Abe meet in Antalya?");
        await emulator.WaitForBotMessagesAsync(1);
        await emulator.SayAsync("Who won the 1998 football World Cup final?");
        var replies = await emulator.WaitForBotMessagesAsync(2);

        foreach (var reply in replies)
        {
            output.WriteLine(reply.ToJsonString());
        }

        var answer = replies[0]["text"]!.GetValue<string>();
        Assert.StartsWith("<blockquote>", answer);
        Assert.Contains("Antalya", answer);
        Assert.Contains("15 November 2015, date inferred from the text", answer);
        Assert.Equal("HTML", replies[0]["parse_mode"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(TelegramHtmlRenderer.Escape(ConversationTexts.Declined(TelegramSurface.Value)), replies[1]["text"]!.GetValue<string>());
        // setMyCommands and sendChatAction are not implemented there: warned about, never fatal. Its sendMessage answer
        // carries the date in milliseconds, which Telegram.Bot cannot read: the message went out, so it is not resent.
        Assert.Contains(logs.Entries, entry => entry.Message.Contains("setMyCommands failed", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Message.Contains("not sending it again", StringComparison.Ordinal));
        await Task.Delay(300); // anything sent twice would have arrived by now
        Assert.Equal(2, (await emulator.WaitForBotMessagesAsync(2)).Count);
        output.WriteLine(answer);
    }
}
