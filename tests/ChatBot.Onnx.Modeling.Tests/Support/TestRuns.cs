using ChatBot.Embeddings.Onnx.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Onnx.Modeling.Tests.Support;

/// <summary>One input of a test run: a named int64 or float matrix.</summary>
internal sealed record TestInput(string Name, OrtValue Value)
{
    public static TestInput Int64(string name, long[] data, int rows, int columns) =>
        new(name, OrtValue.CreateTensorValueFromMemory(data, [rows, columns]));

    public static TestInput Float(string name, float[] data, int rows, int columns) =>
        new(name, OrtValue.CreateTensorValueFromMemory(data, [rows, columns]));
}

/// <summary>One output of a test run, copied out of ONNX Runtime.</summary>
internal sealed record TestOutput(float[] Values, long[] Shape)
{
    public float[] AsFloats() => Values;
}

/// <summary>Opens and runs models built by the tools with the official ONNX Runtime, as the bot does (telemetry off).</summary>
internal static class TestRuns
{
    public static InferenceSession Open(string modelPath) => OnnxSessions.Open(modelPath, intraOpThreads: 0);

    public static InferenceSession Open(byte[] model)
    {
        OnnxTelemetry.Disable();
        return new InferenceSession(model);
    }

    public static TestOutput Run(this InferenceSession session, IReadOnlyList<TestInput> inputs, string output)
    {
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs.Select(i => i.Name).ToList(), inputs.Select(i => i.Value).ToList(), [output]);
            return new TestOutput(outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Value.Dispose();
            }
        }
    }
}
