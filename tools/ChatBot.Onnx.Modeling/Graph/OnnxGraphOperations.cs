namespace ChatBot.Onnx.Modeling.Graph;

/// <summary>Short names for the operator patterns the model builders use over and over.</summary>
public static class OnnxGraphOperations
{
    public static string Add(this OnnxGraphBuilder graph, string a, string b) => graph.Node("Add", [a, b]);

    public static string Sub(this OnnxGraphBuilder graph, string a, string b) => graph.Node("Sub", [a, b]);

    public static string Mul(this OnnxGraphBuilder graph, string a, string b) => graph.Node("Mul", [a, b]);

    public static string Div(this OnnxGraphBuilder graph, string a, string b) => graph.Node("Div", [a, b]);

    public static string MatMul(this OnnxGraphBuilder graph, string a, string b) => graph.Node("MatMul", [a, b]);

    /// <summary>x · W + b, the dense layer of every transformer.</summary>
    public static string Linear(this OnnxGraphBuilder graph, string x, string weight, string bias) =>
        graph.Add(graph.MatMul(x, weight), bias);

    /// <summary>LayerNormalization over the last axis (an opset 17 operator).</summary>
    public static string LayerNorm(this OnnxGraphBuilder graph, string x, string scale, string bias, float epsilon) =>
        graph.Node("LayerNormalization", [x, scale, bias], OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", epsilon));

    public static string Reshape(this OnnxGraphBuilder graph, string x, params long[] shape) =>
        graph.Node("Reshape", [x, graph.Int64Vector("shape", shape)]);

    public static string Transpose(this OnnxGraphBuilder graph, string x, params long[] permutation) =>
        graph.Node("Transpose", x, OnnxAttribute.Ints("perm", permutation));

    public static string Unsqueeze(this OnnxGraphBuilder graph, string x, params long[] axes) =>
        graph.Node("Unsqueeze", [x, graph.Int64Vector("axes", axes)]);

    public static string CastToFloat(this OnnxGraphBuilder graph, string x) =>
        graph.Node("Cast", x, OnnxAttribute.Int("to", (long)Protos.TensorProto.Types.DataType.Float));

    public static string Softmax(this OnnxGraphBuilder graph, string x) =>
        graph.Node("Softmax", x, OnnxAttribute.Int("axis", -1));
}
