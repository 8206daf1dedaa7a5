namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>Per-session knobs passed to ONNX Runtime's session options.</summary>
public sealed record OnnxSessionSettings
{
    /// <summary>Threads used inside one operator; 0 lets ORT pick (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used to run independent operators in parallel; 0 lets ORT pick.</summary>
    public int InterOpThreads { get; init; }

    public OnnxGraphOptimizationLevel GraphOptimizationLevel { get; init; } = OnnxGraphOptimizationLevel.All;
}
