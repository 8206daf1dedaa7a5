using ChatBot.Core.Conversation;
using ChatBot.Core.Diagnostics;
using ChatBot.Host.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Host.Tests;

public sealed class ReadinessCheckTests
{
    [Fact]
    public async Task Platforms_are_ready_only_when_every_expected_one_is_connected_or_standing_by()
    {
        var connections = new PlatformConnections();
        var check = new PlatformReadinessCheck(connections);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        connections.Expect("telegram");
        connections.Expect("discord");
        connections.Connected("discord");
        var waiting = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, waiting.Status);
        Assert.Equal("telegram connecting", waiting.Description);

        connections.Connected("telegram", "standby (another replica polls)");
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        connections.Disconnected("discord", "gateway reconnecting (the connection dropped)");
        Assert.Equal("discord gateway reconnecting (the connection dropped)", (await check.CheckHealthAsync(new HealthCheckContext())).Description);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://127.0.0.1:9464", true)]
    [InlineData("http://0.0.0.0:9464", true)]
    [InlineData("https://127.0.0.1:9464", false)]
    [InlineData("http://127.0.0.1:9464/metrics", false)]
    [InlineData("127.0.0.1:9464", false)]
    public void Listen_url_must_be_a_plain_http_origin(string? url, bool valid)
    {
        var options = new ObservabilityOptions { ListenUrl = url };
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();
        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Every_turn_that_takes_a_question_has_an_outcome_label_from_the_closed_set()
    {
        foreach (var kind in Enum.GetValues<TurnReplyKind>())
        {
            var outcome = QuestionOutcome.Of(new TurnReply(kind, string.Empty));
            var isQuestion = kind is TurnReplyKind.Answered or TurnReplyKind.Closest or TurnReplyKind.Declined or TurnReplyKind.RateLimited or TurnReplyKind.Failed;
            Assert.Equal(isQuestion, outcome is not null);
            Assert.True(outcome is null || QuestionOutcome.All.Contains(outcome), $"{kind} → {outcome}");
        }
    }
}
