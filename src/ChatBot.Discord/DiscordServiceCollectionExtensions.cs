using System.Net.Http.Headers;
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using ChatBot.Discord.Bot;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    private const string UserAgent = "DiscordBot (https://github.com/chatbot/chatbot, 1.0)";

    /// <summary>
    /// Adds the Discord bot (gateway + REST + handler) as a hosted service, configured from the "Discord"
    /// section. Needs an <see cref="IQuestionAnswerer"/> and an <see cref="ChatBot.Core.Articles.IArticleCatalog"/> registered elsewhere; adds <see cref="TimeProvider.System"/>
    /// unless a TimeProvider is already registered.
    /// </summary>
    public static IServiceCollection AddDiscordBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.SectionName))
            .ValidateOnStart();
        services.AddQuestionOptions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CitationFormatter>();

        services.TryAddSingleton<DiscordRateLimitState>();
        services.TryAddTransient<DiscordRateLimitHandler>();
        services.AddHttpClient<DiscordRestClient>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
                client.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", options.Token);
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            // The client lives in singletons, so rotate connections in the primary handler instead of the factory.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<DiscordRateLimitHandler>()
            // The factory's default logging writes full request URLs, and interaction URLs carry tokens;
            // the rate-limit handler logs route templates instead.
            .RemoveAllLoggers();

        services.TryAddSingleton(sp => new DiscordConversation(
            ConversationTurnFactory.Create(sp, DiscordSurface.Value, sp.GetRequiredService<IOptions<DiscordOptions>>().Value.RateLimit)));
        services.TryAddSingleton<AnswerMessageBuilder>();
        services.TryAddSingleton<MessageQuestionExtractor>();
        services.TryAddSingleton<DiscordGatewayClient>();
        services.TryAddSingleton<DiscordEventHandler>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
