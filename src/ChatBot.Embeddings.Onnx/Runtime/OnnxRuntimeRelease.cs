namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// The pinned native ONNX Runtime build: taken from the npm package onnxruntime-node, which ships the plain
/// C library next to its Node binding (the NuGet package is not available here).
/// </summary>
public static class OnnxRuntimeRelease
{
    public const string Version = "1.30.0";

    public const string NpmPackage = "onnxruntime-node@" + Version;

    /// <summary>The file name the library is stored and looked up under.</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary>Where the Linux x64 library sits inside the npm tarball.</summary>
    public const string TarballEntry = "package/bin/napi-v6/linux/x64/" + LibraryFileName;

    /// <summary>sha256 of <see cref="TarballEntry"/> in onnxruntime-node 1.30.0, measured once and pinned.</summary>
    public const string Sha256 = "ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23";
}
