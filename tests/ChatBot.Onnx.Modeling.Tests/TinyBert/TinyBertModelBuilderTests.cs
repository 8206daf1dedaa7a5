using System.Security.Cryptography;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.TinyBert;

namespace ChatBot.Onnx.Modeling.Tests.TinyBert;

public sealed class TinyBertModelBuilderTests
{
    [Fact]
    public void Building_twice_gives_identical_bytes()
    {
        var first = new TinyBertModelBuilder().Build();
        var second = new TinyBertModelBuilder().Build();

        Assert.Equal(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(second)));
    }

    [Fact]
    public void A_different_seed_gives_different_weights()
    {
        var first = new TinyBertModelBuilder(new TinyBertOptions { Seed = 1 }).Build();
        var second = new TinyBertModelBuilder(new TinyBertOptions { Seed = 2 }).Build();

        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(second));
    }

    [Fact]
    public void Model_declares_the_bert_inputs_and_output_with_dynamic_batch_and_sequence()
    {
        var model = ModelProto.Parser.ParseFrom(new TinyBertModelBuilder().Build());

        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], model.Graph.Input.Select(i => i.Name));
        foreach (var input in model.Graph.Input)
        {
            Assert.Equal((int)TensorProto.Types.DataType.Int64, input.Type.TensorType.ElemType);
            Assert.Equal(["batch", "sequence"], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        }

        var output = Assert.Single(model.Graph.Output);
        Assert.Equal("last_hidden_state", output.Name);
        Assert.Equal(32, output.Type.TensorType.Shape.Dim[2].DimValue);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
    }

    [Fact]
    public void Model_has_the_bert_embedding_tables_and_two_encoder_layers()
    {
        var model = ModelProto.Parser.ParseFrom(new TinyBertModelBuilder().Build());
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);

        Assert.Equal([30522L, 32L], initializers["embeddings.word"].Dims);
        Assert.Equal([512L, 32L], initializers["embeddings.position"].Dims);
        Assert.Equal([2L, 32L], initializers["embeddings.token_type"].Dims);
        // One after the embeddings, two per encoder layer.
        Assert.Equal(1 + (2 * 2), model.Graph.Node.Count(n => n.OpType == "LayerNormalization"));
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "Softmax"));
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "Erf"));
    }
}
