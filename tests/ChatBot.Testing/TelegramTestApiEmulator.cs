using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
namespace ChatBot.Testing;

/// <summary>
/// telegram-test-api@4.2.1 from npm, run by TelegramTestApi/emulator.cjs: a Bot API emulator written by others that
/// answers getUpdates at once, ignores offset and timeout, and refuses methods it does not implement (setMyCommands,
/// sendChatAction). Installed with npm into .cache/npm on first use; without node or npm the test fails saying so.
/// </summary>
public sealed class TelegramTestApiEmulator : IAsyncDisposable
{
    public const string Package = "telegram-test-api@4.2.1";

    private readonly Process _process;
    private readonly List<JsonObject> _botMessages = [];
    private readonly Task _reader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TelegramTestApiEmulator(Process process, Uri apiUrl)
    {
        _process = process;
        ApiUrl = apiUrl;
        _reader = Task.Run(ReadAsync);
    }

    public Uri ApiUrl { get; }

    public static string InstallDirectory => Path.Combine(RepoPaths.Root, ".cache", "npm", "telegram-test-api-4.2.1");

    public static async Task<TelegramTestApiEmulator> StartAsync(string token)
    {
        await EnsureInstalledAsync();
        var port = FreePort();
        var script = Path.Combine(RepoPaths.Root, "tests", "ChatBot.Testing", "TelegramTestApi", "emulator.cjs");
        var process = Start("node", [script, InstallDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture), token], redirectInput: true);
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("telegram-test-api exited before it was ready: " + await process.StandardError.ReadToEndAsync());
        var url = JsonNode.Parse(ready)!["ready"]!.GetValue<string>();
        return new TelegramTestApiEmulator(process, new Uri(url));
    }

    /// <summary>A user writes to the bot.</summary>
    public async Task SayAsync(string text)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { say = text }));
        await _process.StandardInput.FlushAsync();
    }

    public async Task<IReadOnlyList<JsonObject>> WaitForBotMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_botMessages)
            {
                if (_botMessages.Count >= count)
                {
                    return _botMessages.ToList();
                }

                changed = _changed.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"telegram-test-api saw {_botMessages.Count} bot message(s), expected {count}");
            }

            await Task.WhenAny(changed, Task.Delay(remaining));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reader;
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (JsonNode.Parse(line)?["bot"] is JsonObject message)
            {
                lock (_botMessages)
                {
                    _botMessages.Add(message);
                    var changed = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    changed.TrySetResult();
                }
            }
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        var installed = Path.Combine(InstallDirectory, "node_modules", "telegram-test-api", "package.json");
        if (File.Exists(installed) && File.ReadAllText(installed).Contains("\"version\": \"4.2.1\"", StringComparison.Ordinal))
        {
            return;
        }

        Directory.CreateDirectory(InstallDirectory);
        using var npm = Start("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--prefix", InstallDirectory, Package], redirectInput: false);
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install {Package} failed (exit {npm.ExitCode}): {await errors}{await output}");
        }
    }

    private static Process Start(string program, IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
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
                $"This test needs Node.js and npm on PATH to run {Package} ('{program}' could not be started: {ex.Message}). Install them (e.g. apt-get install nodejs npm).", ex);
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
