using ChatBot.Onnx.Modeling.DependencyInjection;
using ChatBot.Onnx.Modeling.Int8Variants;
using ChatBot.Onnx.Modeling.Quantization;
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

    [Fact]
    public void Int8_settings_default_to_the_measured_choice_and_bind_from_configuration()
    {
        var defaults = new UseLiteModelBuilderOptions();
        Assert.Equal(QuantizedMatMulOperators.Standard, defaults.Int8Operators);
        Assert.Equal(Int8WeightQuantizer.ReducedRange, defaults.Int8WeightMaxLevel);
        Assert.Equal(Path.Combine("models", "use-lite-int8"), defaults.OutputDirectoryOf(UseLiteVariant.Int8));
        Assert.Equal(Path.Combine("models", "use-lite"), defaults.OutputDirectoryOf(UseLiteVariant.Float));

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:UseLite:Int8Operators"] = "MatMulIntegerToFloat",
                ["Models:UseLite:Int8WeightMaxLevel"] = "127",
            })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddUseLiteModelBuilder(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<UseLiteModelBuilderOptions>>().Value;
        Assert.Equal(QuantizedMatMulOperators.MatMulIntegerToFloat, options.Int8Operators);
        Assert.Equal(127, options.Int8WeightMaxLevel);
    }

    [Fact]
    public void An_int8_weight_level_beyond_127_is_rejected()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:UseLite:Int8WeightMaxLevel"] = "128" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddUseLiteModelBuilder(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UseLiteModelBuilderOptions>>().Value);
    }

    [Fact]
    public void Int8_variant_builder_resolves_with_the_measured_defaults_and_options_from_the_models_int8_section()
    {
        var defaults = new Int8VariantBuilderOptions();
        Assert.Equal("models", defaults.ModelsPath);
        Assert.Equal(QuantizedMatMulOperators.DynamicQuantizeMatMul, defaults.Operators);
        Assert.Equal(Int8WeightQuantizer.ReducedRange, defaults.WeightMaxLevel);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:Int8:ModelsPath"] = "/tmp/elsewhere",
                ["Models:Int8:Operators"] = "MatMulIntegerToFloat",
            })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddInt8VariantBuilder(configuration).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<Int8VariantBuilder>());
        var options = provider.GetRequiredService<IOptions<Int8VariantBuilderOptions>>().Value;
        Assert.Equal("/tmp/elsewhere", options.ModelsPath);
        Assert.Equal(QuantizedMatMulOperators.MatMulIntegerToFloat, options.Operators);
    }

    [Fact]
    public void Int8_variant_weight_level_beyond_127_is_rejected()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Int8:WeightMaxLevel"] = "128" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddInt8VariantBuilder(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Int8VariantBuilderOptions>>().Value);
    }
}
