namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>
/// A hand-written ONNX model that runs as long as asked: y = Loop(M, x) whose body passes x through unchanged.
/// With a huge trip count M it keeps ORT busy until the run is terminated, which makes cancellation testable.
/// Inputs: M (int64 scalar), x (float [1]); output: y (float [1]).
/// </summary>
internal static class MiniLoopModel
{
    public static byte[] Build()
    {
        var model = new ProtoWriter();
        model.Varint(1, 8); // ir_version
        model.Message(8, opset => { opset.String(1, ""); opset.Varint(2, 13); });
        model.Message(7, graph =>
        {
            graph.Message(1, node =>
            {
                node.String(1, "M");
                node.String(1, ""); // no condition input: the trip count alone bounds the loop
                node.String(1, "x");
                node.String(2, "y");
                node.String(4, "Loop");
                node.Message(5, attribute =>
                {
                    attribute.String(1, "body");
                    attribute.Message(6, Body); // g
                    attribute.Varint(20, 5); // type GRAPH
                });
            });
            graph.String(2, "loop");
            graph.Message(11, value => ScalarValueInfo(value, "M", elementType: 7));
            graph.Message(11, value => MiniOnnxModel.VectorValueInfo(value, "x", elementType: 1, length: 1));
            graph.Message(12, value => MiniOnnxModel.VectorValueInfo(value, "y", elementType: 1, length: 1));
        });
        return model.ToArray();
    }

    private static void Body(ProtoWriter body)
    {
        body.Message(1, node => { node.String(1, "cond_in"); node.String(2, "cond_out"); node.String(4, "Identity"); });
        body.Message(1, node => { node.String(1, "v_in"); node.String(2, "v_out"); node.String(4, "Identity"); });
        body.String(2, "body");
        body.Message(11, value => ScalarValueInfo(value, "iteration", elementType: 7));
        body.Message(11, value => ScalarValueInfo(value, "cond_in", elementType: 9));
        body.Message(11, value => MiniOnnxModel.VectorValueInfo(value, "v_in", elementType: 1, length: 1));
        body.Message(12, value => ScalarValueInfo(value, "cond_out", elementType: 9));
        body.Message(12, value => MiniOnnxModel.VectorValueInfo(value, "v_out", elementType: 1, length: 1));
    }

    private static void ScalarValueInfo(ProtoWriter value, string name, int elementType)
    {
        value.String(1, name);
        value.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elementType);
            tensor.Message(2, _ => { }); // a shape with no dimensions: a scalar
        }));
    }
}
