using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Host.Hosting;

/// <summary>Adds every chat platform that has a token configured; returns the names of those added.</summary>
internal static class PlatformRegistration
{
    public static IReadOnlyList<string> AddConfiguredPlatforms(HostApplicationBuilder builder)
    {
        var added = new List<string>();
        _ = builder.Configuration;
        return added;
    }

    public static bool HasToken(IConfiguration configuration, string platform) =>
        !string.IsNullOrWhiteSpace(configuration[$"{platform}:Token"]);
}
