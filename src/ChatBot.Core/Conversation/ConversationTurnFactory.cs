using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Conversation;

/// <summary>Builds a surface's turn from the host's services; each surface brings its own limit settings.</summary>
public static class ConversationTurnFactory
{
    public static ConversationTurn Create(IServiceProvider services, ConversationSurface surface, QuestionRateLimitOptions? limit) =>
        new(
            surface,
            services.GetRequiredService<IQuestionAnswerer>(),
            services.GetRequiredService<IArticleCatalog>(),
            limit is null ? null : new QuestionRateLimiter(limit),
            services.GetRequiredService<ILogger<ConversationTurn>>(),
            services.GetRequiredService<IOptions<QuestionOptions>>().Value,
            services.GetService<ChatBotMetrics>());
}
