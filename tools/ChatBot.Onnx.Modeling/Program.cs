using ChatBot.Onnx.Modeling.DependencyInjection;
using ChatBot.Onnx.Modeling.UseLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Build-time model tooling, run from the repository root:
//   dotnet run --project tools/ChatBot.Onnx.Modeling -- build use-lite|use-lite-int8 [--force]
// The bot never runs this: USE lite is an optional model, built only when someone asks for it here.
const string Usage = "usage: build use-lite|use-lite-int8 [--force]";
if (args.Length is < 2 or > 3 || args[0] != "build" || (args.Length == 3 && args[2] != "--force"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

if (UseLiteVariant.Find(args[1]) is not { } variant)
{
    Console.Error.WriteLine($"'{args[1]}' cannot be built here; {Usage}");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Services.AddUseLiteModelBuilder(builder.Configuration);
using var host = builder.Build();
try
{
    var result = await host.Services.GetRequiredService<UseLiteModelBuilder>().BuildAsync(variant, force: args.Length == 3);
    Console.WriteLine(result.Built ? $"built {result.ModelPath}" : $"up to date: {result.ModelPath}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine("Error: " + ex.Message);
    return 1;
}
