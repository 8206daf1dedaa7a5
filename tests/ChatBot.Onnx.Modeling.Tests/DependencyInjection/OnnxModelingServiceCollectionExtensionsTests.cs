using ChatBot.Onnx.Modeling.DependencyInjection;
using ChatBot.Onnx.Modeling.UseLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Onnx.Modeling.Tests.DependencyInjection;

public sealed class OnnxModelingServiceCollectionExtensionsTests
{
    [Fact]
    public void Builder_resolves_with_options_from_the_models_use_lite_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:UseLite:OutputDirectory"] = "/tmp/elsewhere" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddUseLiteModelBuilder(configuration).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<UseLiteModelBuilder>());
        var options = provider.GetRequiredService<IOptions<UseLiteModelBuilderOptions>>().Value;
        Assert.Equal("/tmp/elsewhere", options.OutputDirectory);
        Assert.Equal("npm", options.NpmExecutable);
    }

    [Fact]
    public void Empty_output_directory_is_rejected()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:UseLite:OutputDirectory"] = "" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddUseLiteModelBuilder(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UseLiteModelBuilderOptions>>().Value);
    }
}
