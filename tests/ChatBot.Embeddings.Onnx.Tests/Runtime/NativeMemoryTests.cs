using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tests.Support;

namespace ChatBot.Embeddings.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class NativeMemoryTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public void Creating_running_and_disposing_sessions_in_a_loop_keeps_resident_memory_flat()
    {
        var model = MiniOnnxModel.Build();
        var input = new float[64 * 256];
        var ids = new long[64 * 256];

        void Cycle(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var session = fixture.Runtime.OpenSession(model, new OnnxSessionSettings { IntraOpThreads = 1 });
                session.Run([OnnxTensor.FromFloat("x", input, 64, 256), OnnxTensor.FromInt64("ids", ids, 64, 256)], ["squared", "ids_as_float"]);
            }
        }

        // Warm up first so arenas, thread pools and JIT have reached their steady size.
        Cycle(50);
        var before = ResidentBytes();
        Cycle(400);
        var after = ResidentBytes();

        // Each cycle moves ~256 KB of tensors through ORT; a leaked session or value would add > 100 MB over 400 cycles.
        var growthMb = (after - before) / (1024.0 * 1024.0);
        Assert.True(growthMb < 20, $"Resident memory grew by {growthMb:F1} MB over 400 session cycles.");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // /proc/self/statm: size resident shared text lib data dt (in pages).
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1]) * Environment.SystemPageSize;
    }
}
