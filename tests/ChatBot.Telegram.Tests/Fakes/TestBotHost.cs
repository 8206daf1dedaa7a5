using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.State;
using ChatBot.Telegram.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>The bot as the host would run it (AddTelegramBot + IHost), pointed at a <see cref="FakeBotApi"/>.</summary>
public sealed class TestBotHost : IAsyncDisposable
{
    private TestBotHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static Task<TestBotHost> StartAsync(
        FakeBotApi api,
        IQuestionAnswerer answerer,
        IArticleCatalog catalog,
        IBotStateStore? state = null,
        CapturingLoggerProvider? logs = null,
        ITelegramRetryDelay? delay = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        Action<HostApplicationBuilder>? configure = null) =>
        StartAsync(api.BaseUrl, FakeBotApi.Token, answerer, catalog, state, logs, delay, settings, time, configure);

    public static async Task<TestBotHost> StartAsync(
        Uri apiBaseUrl,
        string token,
        IQuestionAnswerer answerer,
        IArticleCatalog catalog,
        IBotStateStore? state = null,
        CapturingLoggerProvider? logs = null,
        ITelegramRetryDelay? delay = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        Action<HostApplicationBuilder>? configure = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = token,
            ["Telegram:ApiBaseUrl"] = apiBaseUrl.ToString(),
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:NetworkBackoff"] = "00:00:00.010",
            ["Telegram:RequestTimeout"] = "00:00:10",
            ["Telegram:IdlePollDelay"] = "00:00:00.020",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton(answerer);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(state ?? new InMemoryBotStateStore());
        builder.Services.AddSingleton<ITelegramRetryDelay>(delay ?? new RecordingRetryDelay());
        configure?.Invoke(builder);
        builder.Services.AddTelegramBot(builder.Configuration);

        var host = builder.Build();
        await host.StartAsync();
        return new TestBotHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
