using ChatBot.Core.Answers.Calibration;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx.Retrieval;

/// <summary>
/// The one owner of the embedding model in a process: set-up (files extracted and verified, sessions opened,
/// warmed up) runs once, started when the host starts (<see cref="EmbeddingModelStartup"/>) or else by its first
/// user, and every user — the ingest step, the first question, <c>embed</c>, an app's embedding generator — waits
/// for that same run instead of doing any set-up of its own. Core's <see cref="IEmbeddingModelSource"/> port is
/// answered from it. <c>Embeddings:Model = none</c> turns embeddings off; any failure becomes a reason and the bot
/// answers from BM25 alone. It owns the loaded generator and disposes it.
/// </summary>
public sealed class EmbeddingModelSetup : IEmbeddingModelSource, IDisposable
{
    private readonly Lazy<Task<(EmbeddingModelHandle? Model, string? Reason)>> _setup;
    private readonly IOptions<OnnxEmbeddingOptions> _options;
    private readonly EmbeddingModelLoader _loader;
    private readonly IProgress<ModelSetupProgress>? _progress;
    private readonly ILogger<EmbeddingModelSetup> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public EmbeddingModelSetup(
        IOptions<OnnxEmbeddingOptions> options,
        EmbeddingModelLoader loader,
        ILogger<EmbeddingModelSetup> logger,
        IProgress<ModelSetupProgress>? progress = null)
    {
        _options = options;
        _loader = loader;
        // The container passes the registered progress renderer (the host's log), or null when none is registered.
        _progress = progress;
        _logger = logger;
        // Lazy's default mode runs the set-up exactly once however many callers race for it.
        _setup = new Lazy<Task<(EmbeddingModelHandle?, string?)>>(() => Task.Run(() => SetUpAsync(_stopping.Token)));
    }

    /// <summary>Starts the set-up if nothing has yet; returns at once.</summary>
    public void Start() => _ = _setup.Value;

    public Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default) =>
        _setup.Value.WaitAsync(cancellationToken);

    // Registered as itself and as Core's port, so the container may call this twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        if (_setup.IsValueCreated)
        {
            // The set-up is waited for, not abandoned: cancelling stops extraction, hashing and the warm-up at once,
            // but an ONNX Runtime session being opened cannot be interrupted, and a process that exits while another
            // thread is inside that native call can die in native code (SIGSEGV, exit 139, no message) — a short verb
            // such as a BM25 eval used to end exactly then. The wait is at most the rest of one session open.
            try
            {
                _setup.Value.GetAwaiter().GetResult().Model?.Generator.Dispose();
            }
            catch (OperationCanceledException)
            {
                // Stopped before it finished; the loader already released whatever it had opened.
            }
        }

        // _stopping is not disposed: a set-up still running may register on its token; it holds no timer or handle.
    }

    private async Task<(EmbeddingModelHandle?, string?)> SetUpAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        if (string.Equals(settings.Model, OnnxEmbeddingOptions.Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"embeddings are turned off (Embeddings:Model = {OnnxEmbeddingOptions.Disabled})");
        }

        var availability = await _loader.LoadAsync(_progress, cancellationToken);
        if (!availability.IsAvailable)
        {
            _logger.LogWarning("Embedding model unavailable: {Reason}", availability.Reason);
            return (null, availability.Reason);
        }

        var manifest = availability.Manifest;
        var onnx = availability.Generator.GetService(typeof(OnnxEmbeddingGenerator)) as OnnxEmbeddingGenerator;
        return (new EmbeddingModelHandle(
            availability.Generator,
            $"{manifest.Name}@{availability.Fingerprint}",
            manifest.Dimensions,
            manifest.DeclineBelow,
            EmbeddingInputType.ForQueries(),
            EmbeddingInputType.ForPassages())
        {
            TokenEncoder = onnx is { ProvidesTokenStates: true } ? new OnnxTokenStateEncoder(onnx) : null,
            Calibration = CalibrationOf(manifest),
        }, null);
    }

    /// <summary>
    /// The manifest's answer calibration, or null — said once here, at start-up, with the reason: answers then come
    /// from the similarity threshold alone (answered or declined, no "closest passages" tier).
    /// </summary>
    private AnswerCalibration? CalibrationOf(ModelManifest manifest)
    {
        string reason;
        try
        {
            var calibration = manifest.AnswerCalibrationJson is { } json ? AnswerCalibration.Parse(json) : null;
            var problem = calibration?.Problem();
            if (calibration is not null && problem is null)
            {
                return calibration;
            }

            reason = calibration is null ? "its manifest has no answer_calibration" : $"its answer_calibration cannot be used: {problem}";
        }
        catch (System.Text.Json.JsonException e)
        {
            reason = $"its answer_calibration is not valid: {e.Message}";
        }

        _logger.LogWarning(
            "{Model} has no usable answer calibration ({Reason}); answering by its similarity threshold alone. Fit one with: eval --calibrate",
            manifest.Name, reason);
        return null;
    }
}
