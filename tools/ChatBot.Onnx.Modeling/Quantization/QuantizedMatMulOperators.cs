namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>Which operators carry a dynamically quantized dense layer.</summary>
public enum QuantizedMatMulOperators
{
    /// <summary>
    /// Standard ONNX only: DynamicQuantizeLinear → MatMulInteger → Cast → Mul(scale) → Add(bias). Any runtime
    /// runs it; ONNX Runtime fuses the chain into its own kernels at the "extended" optimization level.
    /// </summary>
    Standard,

    /// <summary>
    /// DynamicQuantizeLinear, then ONNX Runtime's com.microsoft MatMulIntegerToFloat (int8 product, scales and
    /// bias in one kernel). One quantized input feeds every layer that reads the same value (query, key, value).
    /// </summary>
    MatMulIntegerToFloat,

    /// <summary>ONNX Runtime's com.microsoft DynamicQuantizeMatMul: quantization of the input and the product in one node.</summary>
    DynamicQuantizeMatMul,
}
