using System.Net;
using System.Net.Sockets;
using ChatBot.Testing;
using Xunit.Abstractions;

namespace ChatBot.Host.Tests;

/// <summary>
/// The real <c>run</c> process with its observability listener, Telegram (telegram-test-api from npm) and the real
/// embedding model; its <c>/metrics</c> checked by <c>promtool</c> and scraped by a real Prometheus.
/// </summary>
public sealed class ObservabilityTests(ITestOutputHelper output)
{
    private const string Token = "123456:TEST-token_for-observability";

    [Fact]
    public async Task Run_is_unready_until_loaded_then_counts_answers_that_prometheus_scrapes()
    {
        await using var emulator = await TelegramTestApiEmulator.StartAsync(Token);
        using var host = new HostProcess();
        var port = FreePort();
        var listener = new Uri($"http://127.0.0.1:{port}/");
        host.Environment["Telegram__Token"] = Token;
        host.Environment["Telegram__ApiBaseUrl"] = emulator.ApiUrl.ToString();
        host.Environment["Embeddings__Model"] = "arctic-embed-xs";
        host.Environment["Embeddings__ModelsPath"] = Path.Combine(RepoPaths.Root, "models");
        host.Environment["Observability__ListenUrl"] = listener.ToString().TrimEnd('/');

        // Another process holds the library's ingest lock, so this fresh replica (empty index) must wait for it:
        // not ready, for a reason the probe can see, for as long as the test holds it.
        Directory.CreateDirectory(Path.GetDirectoryName(host.DatabasePath)!);
        var ingestLock = new FileStream(host.DatabasePath + ".ingest-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var process = host.Start("run");
        var stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = listener, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var before = await WaitForListenerAsync(http, "readyz", process);
            output.WriteLine($"/readyz before: {(int)before.Status}\n{before.Body}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.Status);
            Assert.Contains("not ready", before.Body);
            Assert.Contains("index: waiting, library sync running", before.Body);
            Assert.Contains("platforms: waiting, telegram connecting", before.Body);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "healthz")).Status);

            await ingestLock.DisposeAsync();
            var after = await WaitForAsync(http, "readyz", HttpStatusCode.OK, TimeSpan.FromMinutes(3));
            output.WriteLine($"/readyz after: {(int)after.Status}\n{after.Body}");
            Assert.Contains("model: ok, arctic-embed-xs@", after.Body);
            Assert.Contains("platforms: ok, telegram connected", after.Body);

            // A question arctic-embed-xs answers outright (answered tier), then one the articles do not cover.
            await emulator.SayAsync("Why did Japan impose sanctions on Moscow?");
            var replies = await emulator.WaitForBotMessagesAsync(1, TimeSpan.FromMinutes(2));
            Assert.DoesNotContain("may not answer this directly", replies[0]["text"]!.GetValue<string>());
            await emulator.SayAsync("What is the best recipe for sourdough bread with rye flour?");
            await emulator.WaitForBotMessagesAsync(2, TimeSpan.FromMinutes(2));

            var scrape = await GetAsync(http, "metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.Status);
            output.WriteLine(string.Join('\n', scrape.Body.Split('\n').Where(line => line.StartsWith("chatbot_", StringComparison.Ordinal))));
            Assert.Contains("chatbot_questions_total{otel_scope_name=\"ChatBot\",outcome=\"answered\",surface=\"telegram\"} 1", scrape.Body);
            Assert.Contains("chatbot_answer_duration_seconds_count{otel_scope_name=\"ChatBot\",surface=\"telegram\"} 2", scrape.Body);
            Assert.Contains("chatbot_question_embedding_duration_seconds_bucket", scrape.Body);
            Assert.Contains("chatbot_platform_api_calls_total{otel_scope_name=\"ChatBot\",method=\"sendMessage\",platform=\"telegram\",status_class=\"2xx\"}", scrape.Body);
            Assert.Contains("chatbot_index_passages", scrape.Body);
            Assert.Contains("process_cpu_time_seconds_total", scrape.Body);
            Assert.Contains("dotnet_gc_collections_total", scrape.Body);
            Assert.DoesNotContain(Token.Split(':')[1], scrape.Body, StringComparison.Ordinal);

            // The bot's own families must pass promtool's lint outright. The whole scrape must parse (exit 1 is a
            // format error); its only lint remarks may be on the runtime and process gauges whose names the
            // OpenTelemetry semantic conventions fix (process_thread_count: a gauge ending in _count).
            var ours = string.Join('\n', scrape.Body.Split('\n').Where(line =>
                line.StartsWith("chatbot_", StringComparison.Ordinal) || line.StartsWith("# TYPE chatbot_", StringComparison.Ordinal)
                || line.StartsWith("# HELP chatbot_", StringComparison.Ordinal))) + "\n";
            var (lintOurs, lintOursOutput) = await PrometheusServer.CheckMetricsAsync(ours);
            output.WriteLine($"promtool check metrics (chatbot_* families): exit {lintOurs} {lintOursOutput}");
            Assert.True(lintOurs == 0, "promtool check metrics on chatbot_*: " + lintOursOutput);
            var (lint, lintOutput) = await PrometheusServer.CheckMetricsAsync(scrape.Body);
            output.WriteLine($"promtool check metrics (whole scrape): exit {lint}\n{lintOutput}");
            var remarks = lintOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(
                lint == 0 || (lint == 3 && remarks.All(r => (r.StartsWith("dotnet_", StringComparison.Ordinal) || r.StartsWith("process_", StringComparison.Ordinal))
                    && r.EndsWith("should not have \"_count\" suffix", StringComparison.Ordinal))),
                $"promtool check metrics: exit {lint}: {lintOutput}");

            await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{port}");
            var query = "sum by (surface) (chatbot_questions_total{outcome=\"answered\"})";
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            System.Text.Json.Nodes.JsonArray result;
            while ((result = await prometheus.QueryAsync(query)).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "Prometheus never scraped chatbot_questions_total within 60 s");
                await Task.Delay(500);
            }

            output.WriteLine($"Prometheus {query}: {result.ToJsonString()}");
            Assert.Single(result);
            Assert.Equal("telegram", result[0]!["metric"]!["surface"]!.GetValue<string>());
            Assert.Equal("1", result[0]!["value"]![1]!.GetValue<string>());
            var up = await prometheus.QueryAsync("up{job=\"chatbot\"}");
            Assert.Equal("1", up[0]!["value"]![1]!.GetValue<string>());
        }
        finally
        {
            await ingestLock.DisposeAsync();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            output.WriteLine(await stderr);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The first answer of the listener, once it listens.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitForListenerAsync(HttpClient http, string path, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            Assert.False(process.HasExited, "the host exited before its listener answered");
            try
            {
                return await GetAsync(http, path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> WaitForAsync(HttpClient http, string path, HttpStatusCode wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await GetAsync(http, path);
            if (answer.Status == wanted)
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/{path} still {(int)answer.Status} after {timeout}: {answer.Body}");
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
