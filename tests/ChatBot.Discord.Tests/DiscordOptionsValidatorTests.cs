using ChatBot.Discord.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests;

public sealed class DiscordOptionsValidatorTests
{
    private static DiscordOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddDiscordBot(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<DiscordOptions>>().Value;
    }

    [Fact]
    public void Valid_settings_bind_with_defaults()
    {
        var options = Resolve(new() { ["Discord:Token"] = FakeDiscord.Token });

        Assert.Equal("https://discord.com/api/v10", options.ApiBaseUrl);
        Assert.False(options.MessageContentIntent);
        Assert.Empty(options.AllowedGuildIds);
    }

    [Theory]
    [InlineData(null, null, null, "Discord:Token is required")]
    [InlineData("Bot abc", null, null, "no \"Bot \" prefix")]
    [InlineData("abc", "not a url", null, "Discord:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("abc", null, "my-guild", "Discord:GuildId must be a numeric guild id")]
    public void Invalid_settings_fail_with_a_message_naming_the_key(string? token, string? apiBaseUrl, string? guildId, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Discord:Token"] = token, ["Discord:GuildId"] = guildId };
        if (apiBaseUrl is not null)
        {
            settings["Discord:ApiBaseUrl"] = apiBaseUrl;
        }

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("Bot abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_limit_settings_are_validated()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Discord:Token"] = "abc", ["Discord:RateLimit:QuestionsPerWindow"] = "0" }));

        Assert.Contains(error.Failures, f => f.StartsWith("Discord:RateLimit:", StringComparison.Ordinal));
    }
}
