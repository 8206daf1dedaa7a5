using ChatBot.Onnx.Modeling.Graph;
using ChatBot.Onnx.Modeling.Protos;

namespace ChatBot.Onnx.Modeling.Tests.Graph;

public sealed class OnnxGraphBuilderDomainTests
{
    [Fact]
    public void A_default_domain_graph_imports_only_the_default_opset()
    {
        var graph = new OnnxGraphBuilder("plain");
        var x = graph.AddInput("x", TensorProto.Types.DataType.Float, 2);
        graph.AddOutput("y", graph.Node("Relu", x), TensorProto.Types.DataType.Float, 2);

        var model = graph.BuildModel("tests");

        Assert.Equal([(string.Empty, 17L)], model.OpsetImport.Select(import => (import.Domain, import.Version)));
    }

    [Fact]
    public void A_domain_node_carries_its_domain_and_the_model_imports_it_once()
    {
        var graph = new OnnxGraphBuilder("contrib");
        var x = graph.AddInput("x", TensorProto.Types.DataType.Float, 2);
        var first = graph.DomainNode("com.microsoft", 1, "Gelu", [x]);
        graph.AddOutput("y", graph.DomainNode("com.microsoft", 1, "Gelu", [first]), TensorProto.Types.DataType.Float, 2);

        var model = graph.BuildModel("tests");

        Assert.Equal([(string.Empty, 17L), ("com.microsoft", 1L)], model.OpsetImport.Select(import => (import.Domain, import.Version)));
        Assert.All(model.Graph.Node.Where(node => node.OpType == "Gelu"), node => Assert.Equal("com.microsoft", node.Domain));
        Assert.Equal(string.Empty, model.Graph.Node.Single(node => node.OpType == "Identity").Domain);
    }

    [Fact]
    public void One_domain_cannot_be_imported_at_two_versions()
    {
        var graph = new OnnxGraphBuilder("conflict");
        var x = graph.AddInput("x", TensorProto.Types.DataType.Float, 2);
        graph.DomainNode("com.microsoft", 1, "Gelu", [x]);

        Assert.Throws<InvalidOperationException>(() => graph.DomainNode("com.microsoft", 2, "Gelu", [x]));
    }

    [Fact]
    public void Int8_and_uint8_initializers_store_one_byte_per_value()
    {
        var graph = new OnnxGraphBuilder("bytes");
        graph.AddInitializer("signed", [(sbyte)-127, 0, 63], 3);
        graph.AddInitializer("unsigned", [(byte)0, 128, 255], 3);

        var initializers = graph.BuildModel("tests").Graph.Initializer;

        Assert.Equal((int)TensorProto.Types.DataType.Int8, initializers[0].DataType);
        Assert.Equal(new byte[] { 0x81, 0x00, 0x3F }, initializers[0].RawData.ToByteArray());
        Assert.Equal((int)TensorProto.Types.DataType.Uint8, initializers[1].DataType);
        Assert.Equal(new byte[] { 0, 128, 255 }, initializers[1].RawData.ToByteArray());
    }
}
