using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>
/// Resolves manifest → files → tokenizer → native runtime → session, once; the outcome (success or the
/// reason for failure) is kept for the life of the process so a missing model is reported once, not per call.
/// </summary>
public sealed class OnnxEmbeddingModelProvider(
    IOptions<OnnxEmbeddingOptions> options,
    IEnumerable<ITextTokenizerFactory> tokenizerFactories,
    ILogger<OnnxEmbeddingModelProvider> logger,
    ILogger<OnnxEmbeddingGenerator> generatorLogger) : IEmbeddingModelProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EmbeddingModelAvailability? _result;
    private OnnxRuntimeLibrary? _runtime;

    public async Task<EmbeddingModelAvailability> TryGetAsync(CancellationToken cancellationToken = default)
    {
        if (_result is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _result ??= await LoadAsync(cancellationToken);
            if (!_result.IsAvailable)
            {
                logger.LogWarning("Embedding model unavailable: {Reason}", _result.Reason);
            }

            return _result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _result?.Generator?.Dispose();
        _runtime?.Dispose();
        _gate.Dispose();
    }

    private async Task<EmbeddingModelAvailability> LoadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var modelsPath = ProjectCacheDirectory.ResolveFromRoot(settings.ModelsPath);
        ModelManifest manifest;
        try
        {
            manifest = ModelManifestLoader.LoadByName(modelsPath, settings.Model);
        }
        catch (ModelManifestException ex)
        {
            return EmbeddingModelAvailability.Unavailable($"model '{settings.Model}': {ex.Message}");
        }

        foreach (var required in new[] { manifest.ModelFile, manifest.Tokenizer.VocabularyFile })
        {
            if (!File.Exists(manifest.PathOf(required)))
            {
                var howTo = manifest.Files.Any(f => f.Url is not null)
                    ? $"download it with `models download {manifest.Name}`"
                    : "build it first (see the model's manifest description)";
                return EmbeddingModelAvailability.Unavailable($"model '{manifest.Name}' is not installed: {manifest.PathOf(required)} is missing; {howTo}.");
            }
        }

        var factory = tokenizerFactories.FirstOrDefault(f => f.Kind == manifest.Tokenizer.Kind);
        if (factory is null)
        {
            return EmbeddingModelAvailability.Unavailable($"model '{manifest.Name}' needs a '{manifest.Tokenizer.Kind}' tokenizer and none is registered.");
        }

        string libraryPath;
        try
        {
            libraryPath = await OnnxRuntimeInstaller.LocateOrInstallAsync(settings.RuntimePath, settings.FetchRuntime, logger, cancellationToken: cancellationToken);
        }
        catch (OnnxRuntimeNotFoundException ex)
        {
            return EmbeddingModelAvailability.Unavailable(ex.Message);
        }

        try
        {
            // The fingerprint (hashing the model file) and the second session need nothing from the first, so a
            // cold start pays for the longest of the three rather than their sum.
            var fingerprint = Task.Run(() => ModelFingerprint.ComputeAsync(manifest, cancellationToken), cancellationToken);
            var tokenizer = factory.Create(manifest);
            _runtime = OnnxRuntimeLibrary.Load(libraryPath);
            var generator = await OpenGeneratorAsync(_runtime, manifest, tokenizer, settings);
            try
            {
                // A session's first run allocates its buffers; paying for that here keeps it out of the first question.
                await generator.GenerateAsync(["warm-up"], EmbeddingInputType.ForQueries(), cancellationToken);
                var print = await fingerprint;
                logger.LogInformation("Embedding model {Model} ({Dimensions} dimensions) loaded with ONNX Runtime {Version}", manifest.Name, manifest.Dimensions, _runtime.Version);
                return EmbeddingModelAvailability.Available(generator, manifest, print);
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

    private async Task<OnnxEmbeddingGenerator> OpenGeneratorAsync(
        OnnxRuntimeLibrary runtime, ModelManifest manifest, ITextTokenizer tokenizer, OnnxEmbeddingOptions settings)
    {
        var modelPath = manifest.PathOf(manifest.ModelFile);
        var questionSession = settings.QuestionIntraOpThreads > 0 && settings.QuestionIntraOpThreads != settings.IntraOpThreads
            ? Task.Run<OnnxInferenceSession?>(() => runtime.OpenSession(modelPath, new OnnxSessionSettings { IntraOpThreads = settings.QuestionIntraOpThreads }))
            : Task.FromResult<OnnxInferenceSession?>(null);
        OnnxInferenceSession? session = null;
        try
        {
            session = runtime.OpenSession(modelPath, new OnnxSessionSettings { IntraOpThreads = settings.IntraOpThreads });
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
