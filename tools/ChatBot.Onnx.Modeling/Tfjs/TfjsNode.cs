namespace ChatBot.Onnx.Modeling.Tfjs;

/// <summary>One node of a TF.js graph model's topology (a TensorFlow GraphDef node in JSON form).</summary>
public sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs);
