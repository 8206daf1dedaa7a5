using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChatBot.Testing;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c> package, 2.42) for one test: its own config scraping one
/// target every second, its data in a temp directory, its HTTP API on a free loopback port; killed and deleted on
/// dispose. Also runs <c>promtool check metrics</c>. A missing binary throws with the reason: the test fails rather
/// than passing without a scrape.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>Overrides the folder of <c>prometheus</c> and <c>promtool</c> (default /usr/bin).</summary>
    public const string BinFolderVariable = "CHATBOT_PROMETHEUS_BIN";

    private readonly Process _process;
    private readonly TempDirectory _data;
    private readonly Task<string> _log;

    private PrometheusServer(Process process, TempDirectory data, Uri apiUrl)
    {
        _process = process;
        _data = data;
        ApiUrl = apiUrl;
        _log = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
    }

    public Uri ApiUrl { get; }

    private static string Bin => Environment.GetEnvironmentVariable(BinFolderVariable) ?? "/usr/bin";

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at <c>/metrics</c> every second.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        var data = new TempDirectory();
        var config = Path.Combine(data.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: chatbot
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePort();
        var process = Start(Path.Combine(Bin, "prometheus"), [
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(data.Path, "tsdb"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        ]);
        var server = new PrometheusServer(process, data, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                var log = await server._log;
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus exited with {process.ExitCode} before it was ready: {Tail(log)}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(server.ApiUrl, "-/ready"))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException("prometheus did not become ready within 60 s");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>An instant query through the HTTP API: the <c>data.result</c> array (empty until a scrape has the series).</summary>
    public async Task<JsonArray> QueryAsync(string promql)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = await http.GetStringAsync(new Uri(ApiUrl, "api/v1/query?query=" + Uri.EscapeDataString(promql)));
        var json = JsonNode.Parse(body)!;
        if (json["status"]?.GetValue<string>() != "success")
        {
            throw new InvalidOperationException("Prometheus query failed: " + body);
        }

        return json["data"]!["result"]!.AsArray();
    }

    /// <summary><c>promtool check metrics</c> on a scrape: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        using var promtool = Start(Path.Combine(Bin, "promtool"), ["check", "metrics"], redirectInput: true);
        var stdout = promtool.StandardOutput.ReadToEndAsync();
        var stderr = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (promtool.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await ((Task)_log).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _data.Dispose();
    }

    private static Process Start(string program, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"This test needs a real Prometheus: '{program}' could not be started ({ex.Message}). Install it " +
                $"(apt-get install -y prometheus; .ci/run does so where missing) or point {BinFolderVariable} at its folder.", ex);
        }
    }

    private static string Tail(string log) => log.Length <= 2000 ? log : log[^2000..];

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
