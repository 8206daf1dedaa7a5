using System.CommandLine;
using ChatBot.Host.Hosting;
using ChatBot.Host.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Host.Commands;

/// <summary><c>run</c>: the bot host, with every platform (Telegram, Discord) that has a token.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the bot on every configured platform (Telegram, Discord) until stopped.");
        command.SetAction(async (_, cancellationToken) =>
        {
            IReadOnlyList<string> platforms = [];
            var code = await VerbRunner.RunAsync(async (services, ct) =>
            {
                if (platforms.Count == 0)
                {
                    await Console.Error.WriteLineAsync(
                        "No chat platform is configured. Set Telegram__Token and/or Discord__Token (environment), or " +
                        "Telegram:Token / Discord:Token in appsettings.json or user secrets (see appsettings.example.json).\n" +
                        "To try the bot without a platform: dotnet run --project src/ChatBot.Host -- repl");
                    return VerbRunner.BadConfiguration;
                }

                services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Host")
                    .LogInformation("Running on {Platforms}; press Ctrl+C to stop", string.Join(", ", platforms));
                // Ends on Ctrl+C from the command line or SIGTERM handled by the host, whichever comes first.
                var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
                await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return VerbRunner.Ok;
            }, cancellationToken, HostMode.Service, builder =>
            {
                platforms = PlatformRegistration.AddConfiguredPlatforms(builder);
                if (platforms.Count > 0)
                {
                    // Hosted services start in order: the index is ready before any platform takes a question.
                    builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, LibraryWarmupService>());
                    ObservabilityRegistration.AddObservability(builder, platforms);
                }
                else
                {
                    // Nothing will run: "Application started. Press Ctrl+C to shut down." would be the first, wrong, line.
                    builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
                }
            });
            return code;
        });
        return command;
    }
}
