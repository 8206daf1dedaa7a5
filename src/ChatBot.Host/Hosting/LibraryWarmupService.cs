using ChatBot.Core.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Host.Hosting;

/// <summary>Syncs the article index before the bot starts taking questions, so the first one is fast.</summary>
internal sealed class LibraryWarmupService(ArticleLibrary library, ILogger<LibraryWarmupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await library.EnsureCurrentAsync(cancellationToken);
        logger.LogInformation("Library ready: {Count} articles", report.Articles.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
