using System.Diagnostics.Metrics;

namespace ChatBot.Core.Diagnostics;

/// <summary>
/// The bot's own instruments, on one <see cref="Meter"/> named <see cref="MeterName"/>. Exported to Prometheus as
/// <c>chatbot_*</c> (dots become underscores; counters gain <c>_total</c>, seconds <c>_seconds</c>). Every tag is
/// from a small closed set — surface, outcome, platform, API method, status class — never a user, chat or question,
/// so a series count cannot grow with traffic.
/// </summary>
public sealed class ChatBotMetrics
{
    public const string MeterName = "ChatBot";

    // Seconds, from a cached answer (a few ms) to a cold model load or a slow platform (tens of seconds).
    private static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _questions;
    private readonly Histogram<double> _answerDuration;
    private readonly Histogram<double> _embeddingDuration;
    private readonly Counter<long> _platformCalls;
    private readonly Counter<long> _rateLimitWaits;
    private readonly Counter<long> _claimsTakenOver;
    private readonly Counter<long> _gatewayReconnects;

    public ChatBotMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _questions = Meter.CreateCounter<long>(
            "chatbot.questions", "{question}", "Questions put to the bot, by surface and outcome (answered, closest, declined, rate-limited, failed).");
        _answerDuration = Meter.CreateHistogram(
            "chatbot.answer.duration", "s", "Time from a screened question to the reply being ready, by surface.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _embeddingDuration = Meter.CreateHistogram(
            "chatbot.question.embedding.duration", "s", "Time to embed one question with the local model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _platformCalls = Meter.CreateCounter<long>(
            "chatbot.platform.api.calls", "{call}", "Chat platform API requests, by platform, method and status class (2xx, 4xx, 5xx, error).");
        _rateLimitWaits = Meter.CreateCounter<long>(
            "chatbot.platform.rate_limit.waits", "{wait}", "Times the bot waited because a platform rate-limited it, by platform.");
        _claimsTakenOver = Meter.CreateCounter<long>(
            "chatbot.update_claims.taken_over", "{claim}", "Update claims of this replica taken over by another before its answer was done, by scope.");
        _gatewayReconnects = Meter.CreateCounter<long>(
            "chatbot.gateway.reconnects", "{reconnect}", "Gateway connections opened again after one ended, by platform.");
    }

    /// <summary>The meter, for observable instruments registered elsewhere (the index gauges read state only the host has).</summary>
    public Meter Meter { get; }

    public void QuestionTaken(string surface, string outcome) =>
        _questions.Add(1, new KeyValuePair<string, object?>("surface", surface), new KeyValuePair<string, object?>("outcome", outcome));

    public void AnswerTimed(string surface, TimeSpan elapsed) =>
        _answerDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("surface", surface));

    public void QuestionEmbedded(TimeSpan elapsed) => _embeddingDuration.Record(elapsed.TotalSeconds);

    public void PlatformCalled(string platform, string method, string statusClass) =>
        _platformCalls.Add(
            1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("status_class", statusClass));

    public void RateLimitWaited(string platform) => _rateLimitWaits.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void ClaimTakenOver(string scope) => _claimsTakenOver.Add(1, new KeyValuePair<string, object?>("scope", scope));

    public void GatewayReconnected(string platform) => _gatewayReconnects.Add(1, new KeyValuePair<string, object?>("platform", platform));
}
