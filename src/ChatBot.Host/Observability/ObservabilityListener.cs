using System.Globalization;
using System.Text;
using ChatBot.Core.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ChatBot.Host.Observability;

/// <summary>
/// The one listener on <c>Observability:ListenUrl</c>: <c>/healthz</c> (the process answers), <c>/readyz</c> (model,
/// index and platforms ready, else 503 with the reasons, one short line each) and <c>/metrics</c> (Prometheus text
/// from the OpenTelemetry pipeline of the bot's host). A small Kestrel app of its own: the bot's host stays a generic
/// host, and the checks and the meter provider it serves are the bot host's own instances. It starts first, so a
/// probe sees "not ready" while the library syncs and the model loads instead of a refused connection.
/// </summary>
internal sealed class ObservabilityListener(
    IServiceProvider services,
    IOptions<ObservabilityOptions> options,
    ILogger<ObservabilityListener> logger) : IHostedService, IAsyncDisposable
{
    public const string ReadyTag = "ready";

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.ListenUrl!;
        // The gauges exist only once their owner is built.
        services.GetRequiredService<IndexMetrics>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        var checks = builder.Services.AddHealthChecks();
        AddReady<ModelReadinessCheck>(checks, "model");
        AddReady<IndexReadinessCheck>(checks, "index");
        AddReady<PlatformReadinessCheck>(checks, "platforms");
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/healthz", () => Results.Text("alive\n"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics", services.GetRequiredService<MeterProvider>(), null, null);
        await app.StartAsync(cancellationToken);
        _app = app;
        logger.LogInformation("Health, readiness and metrics on {Url} (/healthz, /readyz, /metrics)", url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void AddReady<T>(IHealthChecksBuilder checks, string name)
        where T : class, IHealthCheck =>
        checks.Add(new HealthCheckRegistration(name, _ => ActivatorUtilities.GetServiceOrCreateInstance<T>(services), null, [ReadyTag]));

    /// <summary>"ready" or "not ready", then one line per check: a probe's log shows why without a JSON parser.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status == HealthStatus.Healthy ? "ready\n" : "not ready\n");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var state = entry.Status == HealthStatus.Healthy ? "ok" : "waiting";
            text.Append(CultureInfo.InvariantCulture, $"{name}: {state}, {entry.Description ?? entry.Exception?.Message}\n");
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
