using System.Runtime.InteropServices;

namespace ChatBot.Embeddings.Onnx.Runtime;

// One SafeHandle per native ONNX Runtime object kind: each knows its own Release* entry, so a handle that is
// disposed, finalized, or abandoned by an exception always frees exactly once. Kept in one file because each is
// three lines and they only differ by which release slot they call.

/// <summary>Base for ONNX Runtime object handles; null is the invalid value (ORT's Release* accept null too).</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(OrtApiTable api, IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Api = api;
        SetHandle(handle);
    }

    protected OrtApiTable Api { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;
}

internal sealed unsafe class OrtStatusHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseStatus(handle);
        return true;
    }
}

internal sealed unsafe class OrtEnvHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseEnv(handle);
        return true;
    }
}

internal sealed unsafe class OrtSessionOptionsHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseSessionOptions(handle);
        return true;
    }
}

internal sealed unsafe class OrtSessionHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseSession(handle);
        return true;
    }
}

internal sealed unsafe class OrtMemoryInfoHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseMemoryInfo(handle);
        return true;
    }
}

internal sealed unsafe class OrtValueHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseValue(handle);
        return true;
    }
}

internal sealed unsafe class OrtRunOptionsHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseRunOptions(handle);
        return true;
    }
}

internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle(OrtApiTable api, IntPtr handle) : OrtHandle(api, handle)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
