using ChatBot.Discord.Gateway;

namespace ChatBot.Discord.Tests;

public sealed class ReconnectPolicyTests
{
    [Theory]
    [InlineData(4000, nameof(CloseCodeAction.Resume))]
    [InlineData(4001, nameof(CloseCodeAction.Resume))]
    [InlineData(4002, nameof(CloseCodeAction.Resume))]
    [InlineData(4003, nameof(CloseCodeAction.Resume))]
    [InlineData(4005, nameof(CloseCodeAction.Resume))]
    [InlineData(4008, nameof(CloseCodeAction.Resume))]
    [InlineData(1006, nameof(CloseCodeAction.Resume))]
    [InlineData(null, nameof(CloseCodeAction.Resume))]
    [InlineData(4007, nameof(CloseCodeAction.Reidentify))]
    [InlineData(4009, nameof(CloseCodeAction.Reidentify))]
    [InlineData(4004, nameof(CloseCodeAction.Fatal))]
    [InlineData(4010, nameof(CloseCodeAction.Fatal))]
    [InlineData(4011, nameof(CloseCodeAction.Fatal))]
    [InlineData(4012, nameof(CloseCodeAction.Fatal))]
    [InlineData(4013, nameof(CloseCodeAction.Fatal))]
    [InlineData(4014, nameof(CloseCodeAction.Fatal))]
    public void Close_codes_map_to_the_documented_reaction(int? code, string expected)
    {
        Assert.Equal(expected, GatewayCloseCodes.Classify(code).ToString());
    }

    [Fact]
    public void Backoff_doubles_with_jitter_up_to_the_maximum_and_resets()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), new Random(7));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToList();

        double[] bases = [1, 2, 4, 8, 10, 10, 10, 10];
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], bases[i] / 2, bases[i]);
        }

        Assert.True(delays.Distinct().Count() > 1, "jitter should vary the delays");
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Gateway_urls_get_version_and_encoding()
    {
        Assert.Equal("wss://gateway.discord.gg/?v=10&encoding=json", DiscordGatewayClient.GatewayUri("wss://gateway.discord.gg").ToString());
        Assert.Equal("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json", DiscordGatewayClient.GatewayUri("wss://gateway-us-east1-b.discord.gg/?v=9").ToString());
    }
}
