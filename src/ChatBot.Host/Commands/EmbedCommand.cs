using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Retrieval;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Host.Commands;

/// <summary><c>embed "text" [--json] [--query]</c>: the vector the configured model gives a text.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "Text to embed." };
        var json = new Option<bool>("--json") { Description = "Print {\"model\", \"dims\", \"vector\"} as JSON." };
        var query = new Option<bool>("--query") { Description = "Embed as a search query (models with a query prefix use it)." };
        var command = new Command("embed", "Embed a text with the configured ONNX model.") { text, json, query };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var (model, reason) = await services.GetRequiredService<IEmbeddingModelSource>().TryGetAsync(ct);
            if (model is null)
            {
                await Console.Error.WriteLineAsync($"No embedding model: {reason}");
                return VerbRunner.Failed;
            }

            var embeddings = await model.Generator.GenerateAsync(
                [parse.GetValue(text) ?? string.Empty], parse.GetValue(query) ? model.QueryOptions : model.PassageOptions, ct);
            var vector = embeddings[0].Vector.ToArray();
            var name = model.ModelId.Split('@')[0];
            Console.Out.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new EmbedJson(name, vector.Length, vector))
                : $"{name} ({vector.Length} dims): [{string.Join(", ", vector.Take(8).Select(v => v.ToString("F5", CultureInfo.InvariantCulture)))}, …]");
            return VerbRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private sealed record EmbedJson(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("dims")] int Dims,
        [property: JsonPropertyName("vector")] float[] Vector);
}
