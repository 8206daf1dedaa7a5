using ChatBot.Core;
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Bot;
using ChatBot.Telegram.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatBot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Telegram bot, configured from the "Telegram" section, in polling or webhook mode (Telegram:Mode).
    /// Needs IQuestionAnswerer, IArticleCatalog and IBotStateStore from the host; TimeProvider defaults to the system clock.
    /// </summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelegramOptions.SectionName);
        services.AddOptions<TelegramOptions>().Bind(section).ValidateOnStart();
        services.AddQuestionOptions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CitationFormatter>();
        services.TryAddSingleton<ITelegramRetryDelay, TimeProviderRetryDelay>();
        services.TryAddSingleton(sp => new TelegramConversation(
            ConversationTurnFactory.Create(sp, TelegramSurface.Value, sp.GetRequiredService<IOptions<TelegramOptions>>().Value.RateLimit)));
        services.TryAddSingleton<TelegramHtmlRenderer>();
        services.TryAddSingleton<MessageInterpreter>();
        services.TryAddSingleton<TelegramBotIdentity>();
        services.TryAddSingleton<TelegramRetryPolicy>();
        services.TryAddSingleton<TelegramApi>();
        services.TryAddSingleton<TelegramUpdateHandler>();
        services.TryAddSingleton<TelegramBotStartup>();
        services.TryAddSingleton<TelegramOffsetStore>();
        services.TryAddSingleton<TelegramUpdateDispatcher>();

        // Single-process coordination unless the host registered a shared store (AddPostgresStorage).
        services.AddSingleProcessCoordination();

        services.AddHttpClient(nameof(TelegramApi), http =>
            {
                // Timeouts are per request in TelegramRetryPolicy (long polls need longer ones).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The default HttpClient loggers write the request URL, and the URL contains the bot token.
            .RemoveAllLoggers()
            // The client lives in singletons; recycle pooled connections so DNS changes are still picked up.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TelegramApi));
            // Retries are the project's (TelegramRetryPolicy: injectable waits, jittered back-off, bounded counts).
            return new TelegramBotClient(new TelegramBotClientOptions(options.Token!, options.ApiBaseUrl.TrimEnd('/')) { RetryCount = 0 }, http);
        });

        var mode = section.GetValue(nameof(TelegramOptions.Mode), TelegramMode.Polling);
        if (mode == TelegramMode.Webhook)
        {
            services.TryAddSingleton<TelegramWebhookReceiver>();
            services.TryAddSingleton<TelegramWebhookService>();
            services.AddHostedService(provider => provider.GetRequiredService<TelegramWebhookService>());
        }
        else
        {
            services.AddHostedService<TelegramPollingService>();
        }

        return services;
    }
}
