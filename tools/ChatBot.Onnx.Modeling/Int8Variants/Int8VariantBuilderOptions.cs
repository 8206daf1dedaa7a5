using System.ComponentModel.DataAnnotations;
using ChatBot.Onnx.Modeling.Quantization;

namespace ChatBot.Onnx.Modeling.Int8Variants;

/// <summary>Configuration section "Models:Int8". Relative paths are taken from the repository root (ChatBot.sln).</summary>
public sealed class Int8VariantBuilderOptions
{
    /// <summary>Holds the source model's folder and receives the variant's (models/arctic-embed-xs-int8 in the repo).</summary>
    [Required]
    public string ModelsPath { get; set; } = "models";

    /// <summary>Holds the lock that keeps two builds of the same variant from interleaving.</summary>
    [Required]
    public string CacheDirectory { get; set; } = Path.Combine(".cache", "int8-variants");

    // Both settings below shape the model's bytes, but the up-to-date check only compares the files with their
    // manifest: after changing either, rebuild with --force.

    /// <summary>
    /// The operator that carries each quantized MatMul. Measured with ONNX Runtime 1.31.1 on the 2-core Xeon build
    /// machine: DynamicQuantizeMatMul and MatMulIntegerToFloat (bias folded in) ran equally fast, the standard chain
    /// ~6 % slower, DynamicQuantizeMatMul with the bias Add left outside ~18 % slower on short passages.
    /// </summary>
    public QuantizedMatMulOperators Operators { get; set; } = QuantizedMatMulOperators.DynamicQuantizeMatMul;

    /// <summary>
    /// Largest int8 weight level. 63 (7-bit weights) avoids the 16-bit saturation of ONNX Runtime's u8×s8 kernel on
    /// x86 CPUs without VNNI (see <see cref="Int8WeightQuantizer.ReducedRange"/>); the built file is the same on every
    /// machine, so it has to be safe on all of them.
    /// </summary>
    [Range(1, Int8WeightQuantizer.FullRange)]
    public int WeightMaxLevel { get; set; } = Int8WeightQuantizer.ReducedRange;
}
