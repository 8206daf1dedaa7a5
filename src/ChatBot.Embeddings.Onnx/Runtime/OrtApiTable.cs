using System.Runtime.InteropServices;

namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// The subset of the ONNX Runtime C API (struct OrtApi) this binding calls. OrtApi is a table of function
/// pointers whose order is the ABI: entries are only ever appended, so an index taken from the header stays
/// valid for every later runtime version. Indices below were counted from onnxruntime_c_api.h and are
/// checked by tests (status round trip, session input/output names of a known model).
/// </summary>
internal sealed unsafe class OrtApiTable
{
    // Slot numbers in struct OrtApi (0-based).
    private const int CreateStatusSlot = 0;
    private const int GetErrorCodeSlot = 1;
    private const int GetErrorMessageSlot = 2;
    private const int CreateEnvSlot = 3;
    private const int CreateSessionSlot = 7;
    private const int CreateSessionFromArraySlot = 8;
    private const int RunSlot = 9;
    private const int CreateSessionOptionsSlot = 10;
    private const int SetSessionGraphOptimizationLevelSlot = 23;
    private const int SetIntraOpNumThreadsSlot = 24;
    private const int SetInterOpNumThreadsSlot = 25;
    private const int SessionGetInputCountSlot = 30;
    private const int SessionGetOutputCountSlot = 31;
    private const int SessionGetInputNameSlot = 36;
    private const int SessionGetOutputNameSlot = 37;
    private const int CreateRunOptionsSlot = 39;
    private const int RunOptionsSetTerminateSlot = 46;
    private const int CreateTensorWithDataAsOrtValueSlot = 49;
    private const int GetTensorMutableDataSlot = 51;
    private const int GetTensorElementTypeSlot = 60;
    private const int GetDimensionsCountSlot = 61;
    private const int GetDimensionsSlot = 62;
    private const int GetTensorTypeAndShapeSlot = 65;
    private const int CreateCpuMemoryInfoSlot = 69;
    private const int AllocatorFreeSlot = 76;
    private const int GetAllocatorWithDefaultOptionsSlot = 78;
    private const int ReleaseEnvSlot = 92;
    private const int ReleaseStatusSlot = 93;
    private const int ReleaseMemoryInfoSlot = 94;
    private const int ReleaseSessionSlot = 95;
    private const int ReleaseValueSlot = 96;
    private const int ReleaseRunOptionsSlot = 97;
    private const int ReleaseTensorTypeAndShapeInfoSlot = 99;
    private const int ReleaseSessionOptionsSlot = 100;

    public OrtApiTable(IntPtr api)
    {
        var slots = (IntPtr*)api;
        CreateStatus = (delegate* unmanaged[Cdecl]<int, byte*, IntPtr>)slots[CreateStatusSlot];
        GetErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int>)slots[GetErrorCodeSlot];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<IntPtr, byte*>)slots[GetErrorMessageSlot];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr>)slots[CreateEnvSlot];
        CreateSession = (delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)slots[CreateSessionSlot];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)slots[CreateSessionFromArraySlot];
        Run = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)slots[RunSlot];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)slots[CreateSessionOptionsSlot];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)slots[SetSessionGraphOptimizationLevelSlot];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)slots[SetIntraOpNumThreadsSlot];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)slots[SetInterOpNumThreadsSlot];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)slots[SessionGetInputCountSlot];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)slots[SessionGetOutputCountSlot];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr>)slots[SessionGetInputNameSlot];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr>)slots[SessionGetOutputNameSlot];
        CreateRunOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)slots[CreateRunOptionsSlot];
        RunOptionsSetTerminate = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)slots[RunOptionsSetTerminateSlot];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)slots[CreateTensorWithDataAsOrtValueSlot];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr>)slots[GetTensorMutableDataSlot];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)slots[GetTensorElementTypeSlot];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)slots[GetDimensionsCountSlot];
        GetDimensions = (delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr>)slots[GetDimensionsSlot];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)slots[GetTensorTypeAndShapeSlot];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr>)slots[CreateCpuMemoryInfoSlot];
        AllocatorFree = (delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr>)slots[AllocatorFreeSlot];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)slots[GetAllocatorWithDefaultOptionsSlot];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseEnvSlot];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseStatusSlot];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseMemoryInfoSlot];
        ReleaseSession = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseSessionSlot];
        ReleaseValue = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseValueSlot];
        ReleaseRunOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseRunOptionsSlot];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseTensorTypeAndShapeInfoSlot];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)slots[ReleaseSessionOptionsSlot];
    }

    public delegate* unmanaged[Cdecl]<int, byte*, IntPtr> CreateStatus { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int> GetErrorCode { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, byte*> GetErrorMessage { get; }
    public delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr> CreateEnv { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run { get; }
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateSessionOptions { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetIntraOpNumThreads { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetInterOpNumThreads { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetInputCount { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetOutputCount { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName { get; }
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateRunOptions { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr> RunOptionsSetTerminate { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr> GetTensorMutableData { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetTensorElementType { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetDimensionsCount { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr> GetDimensions { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape { get; }
    public delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr> AllocatorFree { get; }
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseEnv { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseStatus { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseMemoryInfo { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSession { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseValue { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseRunOptions { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTensorTypeAndShapeInfo { get; }
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSessionOptions { get; }

    /// <summary>
    /// Turns a returned OrtStatus* into an exception carrying ORT's own code and message, releasing the status.
    /// A null status means success.
    /// </summary>
    public void ThrowIfFailed(IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        using var owned = new OrtStatusHandle(this, status);
        throw ToException(owned);
    }

    public OnnxRuntimeException ToException(OrtStatusHandle status)
    {
        var handle = status.DangerousGetHandle();
        var code = (OrtErrorCode)GetErrorCode(handle);
        var message = Marshal.PtrToStringUTF8((IntPtr)GetErrorMessage(handle)) ?? string.Empty;
        return new OnnxRuntimeException(code, message);
    }
}
