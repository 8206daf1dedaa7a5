namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>Per-file check of one model; usable when no file is missing or mismatched.</summary>
public sealed record ModelVerification(string Name, IReadOnlyList<ModelFileCheck> Files)
{
    public bool IsUsable => Files.All(f => f.Status is ModelFileStatus.Verified or ModelFileStatus.Unpinned);
}
