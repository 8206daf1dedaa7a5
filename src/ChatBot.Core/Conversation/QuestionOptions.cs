using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Conversation;

/// <summary>Limits on what a user may ask (section "Questions"), the same on every surface.</summary>
public sealed class QuestionOptions
{
    public const string SectionName = "Questions";

    /// <summary>Telegram's own message limit: a longer question is refused with <see cref="ConversationTexts.TooLong"/>.</summary>
    public const int DefaultMaxLength = 4096;

    /// <summary>The longest question, in characters (UTF-16 units) after trimming.</summary>
    [Range(1, 1_000_000)]
    public int MaxLength { get; set; } = DefaultMaxLength;

    /// <summary>The one-line refusal for <paramref name="question"/>, or null when it is within the limit.</summary>
    public string? Refusal(string question) =>
        question.Trim().Length > MaxLength ? ConversationTexts.TooLong(question.Trim().Length, MaxLength) : null;
}

/// <summary>Registers <see cref="QuestionOptions"/> once, for the core and for a platform registered without it.</summary>
public static class QuestionOptionsRegistration
{
    public static IServiceCollection AddQuestionOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<QuestionOptions>)))
        {
            services.AddOptions<QuestionOptions>().Bind(configuration.GetSection(QuestionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        }

        return services;
    }
}
