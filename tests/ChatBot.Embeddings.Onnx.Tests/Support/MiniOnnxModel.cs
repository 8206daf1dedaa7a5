namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>
/// Writes a two-node ONNX model by hand (field numbers from onnx.proto) so the runtime binding can be tested
/// without any model download: inputs x (float [batch, n]) and ids (int64 [batch, n]); outputs
/// squared = Mul(x, x) and ids_as_float = Cast(ids, to=FLOAT).
/// </summary>
internal static class MiniOnnxModel
{
    public static byte[] Build()
    {
        var model = new ProtoWriter();
        model.Varint(1, 8); // ir_version
        model.Message(8, opset => { opset.String(1, ""); opset.Varint(2, 13); }); // opset_import: default domain, opset 13
        model.Message(7, graph =>
        {
            graph.Message(1, node => { node.String(1, "x"); node.String(1, "x"); node.String(2, "squared"); node.String(4, "Mul"); });
            graph.Message(1, node =>
            {
                node.String(1, "ids");
                node.String(2, "ids_as_float");
                node.String(4, "Cast");
                node.Message(5, attribute => { attribute.String(1, "to"); attribute.Varint(3, 1); attribute.Varint(20, 2); }); // to=FLOAT, type=INT
            });
            graph.String(2, "mini");
            graph.Message(11, value => ValueInfo(value, "x", elementType: 1));
            graph.Message(11, value => ValueInfo(value, "ids", elementType: 7));
            graph.Message(12, value => ValueInfo(value, "squared", elementType: 1));
            graph.Message(12, value => ValueInfo(value, "ids_as_float", elementType: 1));
        });
        return model.ToArray();
    }

    internal static void VectorValueInfo(ProtoWriter value, string name, int elementType, long length)
    {
        value.String(1, name);
        value.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elementType);
            tensor.Message(2, shape => shape.Message(1, dim => dim.Varint(1, length)));
        }));
    }

    internal static void ValueInfo(ProtoWriter value, string name, int elementType)
    {
        value.String(1, name);
        value.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elementType);
            tensor.Message(2, shape =>
            {
                shape.Message(1, dim => dim.String(2, "batch"));
                shape.Message(1, dim => dim.String(2, "n"));
            });
        }));
    }
}
