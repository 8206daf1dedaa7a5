using ChatBot.Onnx.Modeling.Protos;

namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>A model rewritten by <see cref="ConstantWeightMatMulQuantizer"/>, with the names of the MatMul nodes it replaced.</summary>
public sealed record QuantizedModel(ModelProto Model, IReadOnlyList<string> RewrittenMatMuls);
