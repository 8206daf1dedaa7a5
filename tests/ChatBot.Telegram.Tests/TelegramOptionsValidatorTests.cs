namespace ChatBot.Telegram.Tests;

public sealed class TelegramOptionsValidatorTests
{
    private readonly TelegramOptionsValidator _validator = new();

    [Fact]
    public void Missing_token_says_how_to_set_it()
    {
        var result = _validator.Validate(null, new TelegramOptions());

        Assert.True(result.Failed);
        Assert.Contains("Telegram__Token", result.FailureMessage);
    }

    [Fact]
    public void Malformed_token_is_reported_without_echoing_it()
    {
        var result = _validator.Validate(null, new TelegramOptions { Token = "not a token SECRET" });

        Assert.True(result.Failed);
        Assert.DoesNotContain("SECRET", result.FailureMessage);
    }

    [Fact]
    public void Webhook_mode_requires_url_and_secret()
    {
        var result = _validator.Validate(null, new TelegramOptions { Token = "1:abc", Mode = TelegramMode.Webhook });

        Assert.True(result.Failed);
        Assert.Contains("Telegram:Webhook:Url", result.FailureMessage);
        Assert.Contains("Telegram:Webhook:SecretToken", result.FailureMessage);
    }

    [Fact]
    public void Defaults_with_a_token_are_valid()
    {
        Assert.True(_validator.Validate(null, new TelegramOptions { Token = "123:AA-bb_cc" }).Succeeded);
    }

    [Fact]
    public void Bad_base_url_and_poll_timeout_are_reported()
    {
        var result = _validator.Validate(null, new TelegramOptions { Token = "1:a", ApiBaseUrl = "ftp://x", PollTimeoutSeconds = 99 });

        Assert.Contains("Telegram:ApiBaseUrl", result.FailureMessage);
        Assert.Contains("Telegram:PollTimeoutSeconds", result.FailureMessage);
    }
}

public sealed class TelegramStartupValidationTests
{
    [Fact]
    public async Task Host_start_fails_with_the_validation_message_when_the_webhook_secret_is_missing()
    {
        await using var api = await Fakes.FakeBotApi.StartAsync();
        var articles = new Fakes.FakeArticles();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Fakes.TestBotHost.StartAsync(api, articles, articles, settings: new Dictionary<string, string?>
            {
                ["Telegram:Mode"] = "webhook",
                ["Telegram:Webhook:Url"] = "https://bot.example.com/hook",
            }));

        Assert.Contains("Telegram:Webhook:SecretToken is required", error.Message);
        Assert.Empty(api.Calls);
    }
}
