using ChatBot.Core;
using ChatBot.Core.Ingestion;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Retrieval;
using ChatBot.Host.Terminal;
using ChatBot.Host.Embeddings;
using ChatBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Hosting;

/// <summary>
/// Builds the generic host every verb runs in: configuration from appsettings.json, environment variables
/// (<c>Telegram__Token</c>) and user secrets; options validated at start; logs on stderr only, so stdout stays
/// clean for answers and <c>--json</c>.
/// </summary>
internal static class ChatBotHostBuilder
{
    /// <param name="settings">
    /// Configuration that overrides every source and is in place before the services are chosen from it (the store
    /// provider is read at registration, so <paramref name="configure"/> would be too late for it).
    /// </param>
    public static IHost Build(HostMode mode, Action<HostApplicationBuilder>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = false,
        });
        builder.Configuration.AddUserSecrets(typeof(ChatBotHostBuilder).Assembly, optional: true);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        }

        var terminal = TerminalCapabilities.Detect();
        var statusLine = new StatusLine();
        builder.Services.AddSingleton(terminal).AddSingleton(statusLine)
            .AddSingleton(new CliLogFormatterSettings(mode == HostMode.Service, CommandLineFlags.Verbose))
            .AddSingleton<IIngestProgressSink>(sp => new ProgressDisplay(terminal, statusLine, Console.Error, TimeProvider.System))
            .AddSingleton<IValidateOptions<OnnxEmbeddingOptions>, EmbeddingModelNameValidator>();
        // A CLI verb is not an application being started and shut down; the bot service's lifetime lines stay.
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = mode == HostMode.Cli);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options =>
        {
            options.LogToStandardErrorThreshold = LogLevel.Trace;
            options.FormatterName = CliLogFormatter.FormatterName;
        });
        builder.Logging.AddConsoleFormatter<CliLogFormatter, ConsoleFormatterOptions>();
        // The host logs a start-up failure with its stack trace; VerbRunner reports it as one clear line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        if (mode == HostMode.Cli && builder.Configuration["Logging:LogLevel:Default"] is null)
        {
            builder.Logging.SetMinimumLevel(CommandLineFlags.Verbose ? LogLevel.Information : LogLevel.Warning);
        }

        builder.Services
            .AddChatBotCore(builder.Configuration)
            .AddConfiguredStorage(builder.Configuration)
            // The embedding model wired to Core's port: one set-up, started with the host, its progress in the log.
            .AddEmbeddingModel(builder.Configuration)
            .AddSingleton<ModelSetupLog>()
            .AddSingleton<IProgress<ModelSetupProgress>>(sp => sp.GetRequiredService<ModelSetupLog>());
        configure?.Invoke(builder);
        return builder.Build();
    }
}
