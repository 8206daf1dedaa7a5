namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// One step of getting a model ready, for whoever renders progress (log lines today, a progress bar later).
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="File">The file concerned, relative to the model folder; empty for whole-model steps.</param>
/// <param name="Stage">What is happening.</param>
/// <param name="Bytes">Bytes done so far (extraction) or the file's size (verification).</param>
/// <param name="TotalBytes">Bytes to do in all; 0 when not known.</param>
public sealed record ModelSetupProgress(string Model, string File, ModelSetupStage Stage, long Bytes, long TotalBytes);

public enum ModelSetupStage
{
    /// <summary>A file is being hashed against its pinned sha256.</summary>
    Verifying,

    /// <summary>A file was missing or did not match its pinned sha256 and is being extracted from the package.</summary>
    Extracting,

    /// <summary>A file is in place and matches its pinned sha256.</summary>
    Verified,

    /// <summary>The ONNX Runtime sessions are being opened.</summary>
    Loading,

    /// <summary>The model is ready to embed.</summary>
    Ready,
}
