using ChatBot.Core.Answers;
using ChatBot.Discord.Bot;
using ChatBot.Discord.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests.Support;

/// <summary>A real host running AddDiscordBot against a <see cref="FakeDiscord"/>, with logs captured.</summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    private BotUnderTest(IHost host, CapturingLoggerProvider logs, RecordingAnswerer answerer)
    {
        Host = host;
        Logs = logs;
        Answerer = answerer;
    }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public RecordingAnswerer Answerer { get; }

    public DiscordBotService Service => Host.Services.GetServices<IHostedService>().OfType<DiscordBotService>().Single();

    public static async Task<BotUnderTest> StartAsync(
        FakeDiscord discord,
        IQuestionAnswerer answerer,
        IDictionary<string, string?>? settings = null,
        string token = FakeDiscord.Token,
        ChatBot.Core.Articles.IArticleCatalog? catalog = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Discord:Token"] = token,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord:ReconnectDelay"] = "00:00:00.020",
            ["Discord:MaxReconnectDelay"] = "00:00:00.100",
            // Discord's 5 s between identifies would slow every re-identify test; the sharding tests set their own.
            ["Discord:IdentifyInterval"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        var recording = new RecordingAnswerer(answerer);
        builder.Services.AddSingleton<IQuestionAnswerer>(recording);
        builder.Services.AddSingleton(catalog ?? new StubAnswerer());
        builder.Services.AddDiscordBot(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BotUnderTest(host, logs, recording);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(TimeSpan.FromSeconds(5));
        Host.Dispose();
    }
}
