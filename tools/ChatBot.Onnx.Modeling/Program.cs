using ChatBot.Onnx.Modeling.DependencyInjection;
using ChatBot.Onnx.Modeling.Int8Variants;
using ChatBot.Onnx.Modeling.UseLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Build-time model tooling, run from the repository root:
//   dotnet run --project tools/ChatBot.Onnx.Modeling -- build use-lite|use-lite-int8|arctic-embed-xs-int8 [--force]
// The bot never runs this: USE lite and the int8 variants are optional models, built only when someone asks for
// them here.
var buildable = string.Join('|', UseLiteVariant.All.Select(v => v.Name).Concat(Int8Variant.All.Select(v => v.Name)));
var usage = $"usage: build {buildable} [--force]";
if (args.Length is < 2 or > 3 || args[0] != "build" || (args.Length == 3 && args[2] != "--force"))
{
    Console.Error.WriteLine(usage);
    return 2;
}

var useLite = UseLiteVariant.Find(args[1]);
var int8 = Int8Variant.Find(args[1]);
if (useLite is null && int8 is null)
{
    Console.Error.WriteLine($"'{args[1]}' cannot be built here; {usage}");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Services.AddUseLiteModelBuilder(builder.Configuration);
builder.Services.AddInt8VariantBuilder(builder.Configuration);
using var host = builder.Build();
var force = args.Length == 3;
try
{
    var result = useLite is not null
        ? await host.Services.GetRequiredService<UseLiteModelBuilder>().BuildAsync(useLite, force)
        : await host.Services.GetRequiredService<Int8VariantBuilder>().BuildAsync(int8!, force);
    Console.WriteLine(result.Built ? $"built {result.ModelPath}" : $"up to date: {result.ModelPath}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine("Error: " + ex.Message);
    return 1;
}
