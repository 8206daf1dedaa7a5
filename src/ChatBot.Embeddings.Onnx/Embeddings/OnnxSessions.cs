using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>Opens ONNX Runtime sessions the way this project runs them: all graph optimisations, CPU, telemetry off.</summary>
public static class OnnxSessions
{
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="intraOpThreads">Threads inside one operator; 0 lets ONNX Runtime use one per core.</param>
    public static InferenceSession Open(string modelPath, int intraOpThreads)
    {
        OnnxTelemetry.Disable();
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = intraOpThreads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        return new InferenceSession(modelPath, options);
    }
}
