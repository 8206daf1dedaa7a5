using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Hosting;

public static class ContentRootServiceCollectionExtensions
{
    /// <summary>
    /// Registers the one <see cref="ContentRoot"/> (from <c>ChatBot:Root</c>, see there) unless one is registered.
    /// Every registration that resolves a configured path calls it, so a host and a Semantic Kernel app agree.
    /// </summary>
    public static IServiceCollection AddContentRoot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => ContentRoot.From(configuration));
        return services;
    }
}
