namespace ChatBot.Embeddings.Onnx.Models;

public enum ModelFileStatus
{
    /// <summary>Present and its sha256 equals the pinned value.</summary>
    Verified,

    /// <summary>Present, but the manifest pins no sha256 (e.g. a locally built file), so it cannot be checked.</summary>
    Unpinned,

    Missing,

    /// <summary>Present with a different sha256 than pinned: corrupt, truncated or a different revision.</summary>
    Mismatch,
}
