using System.Buffers.Binary;
using ChatBot.Onnx.Modeling.Tfjs;

namespace ChatBot.Onnx.Modeling.Tests.Tfjs;

public sealed class TfjsGraphModelTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tfjs-model-");

    [Fact]
    public void Weights_are_read_back_to_back_across_shards()
    {
        // Three floats then two ints, cut into two shards in the middle of the second float.
        var bytes = new byte[20];
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(0), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4), -2f);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8), 0.25f);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), 128);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), -1);
        File.WriteAllBytes(Path.Combine(_directory.FullName, "shard1"), bytes[..6]);
        File.WriteAllBytes(Path.Combine(_directory.FullName, "shard2"), bytes[6..]);
        var modelJson = WriteModelJson("""
            {"modelTopology": {"node": [{"name": "x", "op": "Placeholder"}, {"name": "y", "op": "Relu", "input": ["x"]}]},
             "weightsManifest": [{"paths": ["shard1", "shard2"], "weights": [
               {"name": "w", "shape": [3], "dtype": "float32"},
               {"name": "n", "shape": [1, 2], "dtype": "int32"}]}]}
            """);

        var model = TfjsGraphModel.Load(modelJson);

        Assert.Equal(["Placeholder", "Relu"], model.Nodes.Select(node => node.Op));
        Assert.Equal(["x"], model.Nodes[1].Inputs);
        Assert.Equal([1.5f, -2f, 0.25f], model.Weight("w").RequireFloats());
        Assert.Equal([128, -1], model.Weight("n").RequireInts());
        Assert.Equal([1, 2], model.Weight("n").Shape);
    }

    [Fact]
    public void Quantized_weights_are_refused()
    {
        File.WriteAllBytes(Path.Combine(_directory.FullName, "shard1"), new byte[4]);
        var modelJson = WriteModelJson("""
            {"modelTopology": {"node": []},
             "weightsManifest": [{"paths": ["shard1"], "weights": [
               {"name": "w", "shape": [4], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.1, "min": 0}}]}]}
            """);

        Assert.Throws<NotSupportedException>(() => TfjsGraphModel.Load(modelJson));
    }

    [Fact]
    public void Shards_that_do_not_match_the_manifest_are_refused()
    {
        File.WriteAllBytes(Path.Combine(_directory.FullName, "shard1"), new byte[8]);
        var modelJson = WriteModelJson("""
            {"modelTopology": {"node": []},
             "weightsManifest": [{"paths": ["shard1"], "weights": [{"name": "w", "shape": [3], "dtype": "float32"}]}]}
            """);

        Assert.Throws<InvalidDataException>(() => TfjsGraphModel.Load(modelJson));
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string WriteModelJson(string json)
    {
        var path = Path.Combine(_directory.FullName, "model.json");
        File.WriteAllText(path, json);
        return path;
    }
}
