using System.Diagnostics;
using ChatBot.Testing;

namespace ChatBot.Host.Tests;

/// <summary>The real <c>run</c> process with Telegram (against telegram-test-api from npm), stopped by SIGTERM.</summary>
public sealed class RunSigtermTests
{
    private const string Token = "123456:TEST-token_for-run-sigterm";

    [Fact]
    public async Task Run_answers_on_telegram_and_exits_0_on_sigterm_after_finishing()
    {
        await using var emulator = await TelegramTestApiEmulator.StartAsync(Token);
        using var host = new HostProcess();
        host.Environment["Telegram__Token"] = Token;
        host.Environment["Telegram__ApiBaseUrl"] = emulator.ApiUrl.ToString();
        using var process = host.Start("run");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await emulator.SayAsync("When did Putin and Abe meet in Antalya?");
            var replies = await emulator.WaitForBotMessagesAsync(1, TimeSpan.FromMinutes(2));
            Assert.Contains("15 November 2015, date inferred from the text", replies[0]["text"]!.GetValue<string>());

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var log = await stderr;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {log}");
        Assert.Contains("Application is shutting down", log);
        Assert.DoesNotContain(Token.Split(':')[1], log + await stdout, StringComparison.Ordinal);
    }
}
