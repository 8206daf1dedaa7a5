using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>
/// Turns ONNX Runtime's usage telemetry off. Since 1.29 its Linux build keeps a device id and an event queue under
/// ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ (one ask queued ~23 events) and uploads them; the bot sends
/// nothing anywhere. <c>OrtEnv.DisableTelemetryEvents</c> alone is not enough: the environment logs a ProcessInfo
/// event and creates the device id while it is being created, before the call can reach it. ONNX Runtime reads
/// <c>ORT_DISABLE_TELEMETRY=1</c> when it initialises and then creates none of it (checked: after an ask with a fresh
/// HOME the folder does not exist).
/// </summary>
public static partial class OnnxTelemetry
{
    private const string Variable = "ORT_DISABLE_TELEMETRY";

    /// <summary>Call before the first ONNX Runtime use in the process; later calls only repeat the runtime switch.</summary>
    public static void Disable()
    {
        if (OperatingSystem.IsWindows())
        {
            // On Windows the process environment block is shared with native code.
            Environment.SetEnvironmentVariable(Variable, "1");
        }
        else if (SetEnv(Variable, "1", overwrite: 1) != 0)
        {
            // .NET keeps its own copy of the environment on Unix; native getenv only sees what setenv writes.
            throw new InvalidOperationException($"Could not set {Variable} for ONNX Runtime (errno {Marshal.GetLastPInvokeError()}).");
        }

        OrtEnv.Instance().DisableTelemetryEvents();
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
