using ChatBot.Core.Diagnostics;
using ChatBot.Discord.Rest;
using ChatBot.Telegram.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ChatBot.Host.Observability;

/// <summary>
/// <c>run</c>'s health, readiness and metrics, when <c>Observability:ListenUrl</c> is set: the bot's meter, the .NET
/// runtime and process instruments and a Prometheus exporter on the OpenTelemetry SDK, the readiness state the
/// platforms report to, request counting on the platforms' HTTP clients, and the listener (started before every
/// other hosted service).
/// </summary>
internal static class ObservabilityRegistration
{
    public static bool IsEnabled(HostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration[$"{ObservabilityOptions.SectionName}:{nameof(ObservabilityOptions.ListenUrl)}"]);

    /// <param name="builder">The bot host's builder.</param>
    /// <param name="platforms">The platforms that have tokens ("Telegram", "Discord"): readiness waits for each.</param>
    public static void AddObservability(HostApplicationBuilder builder, IReadOnlyList<string> platforms)
    {
        var services = builder.Services;
        services.AddOptions<ObservabilityOptions>()
            .Bind(builder.Configuration.GetSection(ObservabilityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (!IsEnabled(builder))
        {
            return;
        }

        services.AddMetrics();
        services.TryAddSingleton<ChatBotMetrics>();
        services.TryAddSingleton<IndexMetrics>();
        var connections = new PlatformConnections();
        foreach (var platform in platforms)
        {
            connections.Expect(platform.ToLowerInvariant());
        }

        services.TryAddSingleton(connections);
        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("chatbot")).WithMetrics(metrics => metrics
            .AddMeter(ChatBotMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddPrometheusExporter());

        services.AddHttpClient(nameof(TelegramApi)).AddHttpMessageHandler(sp =>
            new PlatformCallMetricsHandler(sp.GetRequiredService<ChatBotMetrics>(), "telegram", PlatformCallMetricsHandler.TelegramMethod));
        services.AddHttpClient(nameof(DiscordRestClient)).AddHttpMessageHandler(sp =>
            new PlatformCallMetricsHandler(sp.GetRequiredService<ChatBotMetrics>(), "discord", PlatformCallMetricsHandler.DiscordMethod));

        // Hosted services start in order: the listener answers (503) while the library syncs and the model loads.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ObservabilityListener>());
    }
}
