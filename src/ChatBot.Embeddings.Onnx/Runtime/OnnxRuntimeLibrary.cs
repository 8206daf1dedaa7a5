using System.Runtime.InteropServices;

namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// A loaded native ONNX Runtime: the C API function table plus one OrtEnv. Create sessions from it with
/// <see cref="OpenSession(string, OnnxSessionSettings?)"/>. Dispose it after the sessions made from it
/// (each session also keeps the environment alive until it is disposed).
/// </summary>
public sealed unsafe class OnnxRuntimeLibrary : IDisposable
{
    /// <summary>The C API version this binding was written against (ORT 1.N exposes API version N).</summary>
    public const uint PreferredApiVersion = 30;

    // ORT_LOGGING_LEVEL_ERROR: warnings (e.g. about unused initializers) would otherwise go straight to stderr.
    private const int LoggingLevelError = 3;

    // OrtArenaAllocator and OrtMemTypeDefault: the ordinary CPU memory description for caller-owned buffers.
    private const int ArenaAllocator = 1;
    private const int MemTypeDefault = 0;

    private OnnxRuntimeLibrary(string libraryPath, string version, uint apiVersion, OrtApiTable api)
    {
        LibraryPath = libraryPath;
        Version = version;
        ApiVersion = apiVersion;
        Api = api;

        IntPtr env;
        var logId = "ChatBot"u8;
        fixed (byte* logIdPtr = logId)
        {
            // The u8 literal is null-terminated in memory, so it can be passed as a C string.
            api.ThrowIfFailed(api.CreateEnv(LoggingLevelError, logIdPtr, &env));
        }

        Environment = new OrtEnvHandle(api, env);

        IntPtr memoryInfo;
        api.ThrowIfFailed(api.CreateCpuMemoryInfo(ArenaAllocator, MemTypeDefault, &memoryInfo));
        CpuMemory = new OrtMemoryInfoHandle(api, memoryInfo);
    }

    /// <summary>Where the native library was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary>The runtime's own version string, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>The C API version negotiated with the library.</summary>
    public uint ApiVersion { get; }

    internal OrtApiTable Api { get; }

    internal OrtEnvHandle Environment { get; }

    internal OrtMemoryInfoHandle CpuMemory { get; }

    /// <summary>Loads the native library at <paramref name="libraryPath"/> and creates its environment.</summary>
    public static OnnxRuntimeLibrary Load(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryPath);
        if (!File.Exists(libraryPath))
        {
            throw new OnnxRuntimeNotFoundException($"The ONNX Runtime library '{libraryPath}' does not exist.");
        }

        // The library is never unloaded: ORT keeps process-wide thread pools and state alive after its last session.
        IntPtr library;
        try
        {
            library = NativeLibrary.Load(Path.GetFullPath(libraryPath));
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeNotFoundException($"'{libraryPath}' could not be loaded as a native library: {ex.Message}", ex);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBaseExport))
        {
            throw new OnnxRuntimeNotFoundException($"'{libraryPath}' is not an ONNX Runtime library (no OrtGetApiBase export).");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = (IntPtr*)((delegate* unmanaged[Cdecl]<IntPtr>)getApiBaseExport)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, IntPtr>)apiBase[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((IntPtr)getVersionString()) ?? "unknown";

        // Every slot used here exists since API version 1, so an older runtime that does not know version 30
        // still works: ask for the newest version it accepts.
        for (var apiVersion = PreferredApiVersion; apiVersion >= 1; apiVersion--)
        {
            var api = getApi(apiVersion);
            if (api != IntPtr.Zero)
            {
                return new OnnxRuntimeLibrary(libraryPath, version, apiVersion, new OrtApiTable(api));
            }
        }

        throw new OnnxRuntimeNotFoundException($"ONNX Runtime {version} at '{libraryPath}' offers no usable C API version.");
    }

    /// <summary>Opens a model file as an inference session.</summary>
    public OnnxInferenceSession OpenSession(string modelPath, OnnxSessionSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        using var options = CreateSessionOptions(settings ?? new OnnxSessionSettings());
        var pathBytes = NullTerminatedUtf8(modelPath);
        IntPtr session;
        fixed (byte* pathPtr = pathBytes)
        {
            Api.ThrowIfFailed(Api.CreateSession(Environment.DangerousGetHandle(), pathPtr, options.DangerousGetHandle(), &session));
        }

        return new OnnxInferenceSession(this, new OrtSessionHandle(Api, session));
    }

    /// <summary>Opens a model held in memory (e.g. one generated by a test) as an inference session.</summary>
    public OnnxInferenceSession OpenSession(ReadOnlySpan<byte> model, OnnxSessionSettings? settings = null)
    {
        using var options = CreateSessionOptions(settings ?? new OnnxSessionSettings());
        IntPtr session;
        fixed (byte* modelPtr = model)
        {
            Api.ThrowIfFailed(Api.CreateSessionFromArray(Environment.DangerousGetHandle(), modelPtr, (nuint)model.Length, options.DangerousGetHandle(), &session));
        }

        return new OnnxInferenceSession(this, new OrtSessionHandle(Api, session));
    }

    public void Dispose()
    {
        CpuMemory.Dispose();
        Environment.Dispose();
    }

    /// <summary>Creates a status through ORT and reads it back; exists so tests can prove the status slots are right.</summary>
    internal OnnxRuntimeException RoundTripStatus(OrtErrorCode code, string message)
    {
        var bytes = NullTerminatedUtf8(message);
        IntPtr status;
        fixed (byte* messagePtr = bytes)
        {
            status = Api.CreateStatus((int)code, messagePtr);
        }

        using var owned = new OrtStatusHandle(Api, status);
        return Api.ToException(owned);
    }

    internal static byte[] NullTerminatedUtf8(string text)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private OrtSessionOptionsHandle CreateSessionOptions(OnnxSessionSettings settings)
    {
        IntPtr raw;
        Api.ThrowIfFailed(Api.CreateSessionOptions(&raw));
        var options = new OrtSessionOptionsHandle(Api, raw);
        try
        {
            Api.ThrowIfFailed(Api.SetSessionGraphOptimizationLevel(raw, (int)settings.GraphOptimizationLevel));
            Api.ThrowIfFailed(Api.SetIntraOpNumThreads(raw, settings.IntraOpThreads));
            Api.ThrowIfFailed(Api.SetInterOpNumThreads(raw, settings.InterOpThreads));
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
