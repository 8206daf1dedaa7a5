using ChatBot.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.Retrieval;

/// <summary>
/// Starts the model set-up as the host starts, beside whatever else start-up does (library sync, index loads), so
/// it is ready — or known to be unavailable — before the first question needs it. With <c>Retrieval:Mode = Bm25</c>
/// no question needs it, so nothing is started (a verb that embeds anyway, such as <c>embed</c>, starts it on use).
/// </summary>
public sealed class EmbeddingModelStartup(EmbeddingModelSetup setup, IOptions<HybridOptions> retrieval) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (retrieval.Value.Mode != RetrievalMode.Bm25)
        {
            setup.Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>For verbs that never embed (<c>sources</c>, <c>models</c>): no set-up runs beside them.</summary>
    public static void Skip(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EmbeddingModelStartup)).ToList();
        registered.ForEach(d => services.Remove(d));
    }
}
