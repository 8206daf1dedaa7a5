using ChatBot.Core.Hosting;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Embeddings.Onnx.Retrieval;

public static class EmbeddingModelServiceCollectionExtensions
{
    /// <summary>
    /// Makes the configured local model (section "Embeddings", see <see cref="OnnxEmbeddingOptions"/>) the model
    /// retrieval uses: registers the ONNX embeddings, the one <see cref="EmbeddingModelSetup"/> and Core's
    /// <see cref="IEmbeddingModelSource"/> answered by it (replacing Core's "no model" default, whichever is added
    /// first), and a hosted service that starts the set-up when a generic host starts. Without a host the set-up
    /// starts at the first use. Set-up progress goes to an <see cref="IProgress{T}"/> of
    /// <see cref="ModelSetupProgress"/> when one is registered. A relative <c>Embeddings:ModelsPath</c> is taken from
    /// the content root (<c>ChatBot:Root</c>), like every other configured path. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddEmbeddingModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddContentRoot(configuration);
        services.AddOnnxEmbeddings(configuration);
        services.AddOptions<OnnxEmbeddingOptions>()
            .PostConfigure<ContentRoot>((options, root) => options.ModelsPath = root.Resolve(options.ModelsPath));
        services.TryAddSingleton<EmbeddingModelSetup>();
        services.Replace(ServiceDescriptor.Singleton<IEmbeddingModelSource>(sp => sp.GetRequiredService<EmbeddingModelSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddingModelStartup>());
        return services;
    }
}
