using System.ComponentModel.DataAnnotations;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>Configuration section "Embeddings".</summary>
public sealed class OnnxEmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>The model folder name under <see cref="ModelsPath"/> (its manifest.json describes it).</summary>
    [Required]
    public string Model { get; set; } = "use-lite";

    /// <summary>Where model folders live; relative paths are taken from the project root.</summary>
    [Required]
    public string ModelsPath { get; set; } = "models";

    /// <summary>
    /// The native ONNX Runtime library (file or folder). Looked at first; then the app folder and
    /// .cache/onnxruntime/1.30.0/. Also read from "Onnx:RuntimePath".
    /// </summary>
    public string? RuntimePath { get; set; }

    /// <summary>Fetch the pinned runtime with npm into the project cache when it is nowhere to be found.</summary>
    public bool FetchRuntime { get; set; } = true;

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
