using System.Buffers.Binary;
using System.Text.Json;

namespace ChatBot.Onnx.Modeling.Tfjs;

/// <summary>
/// Reads a TF.js graph model: <c>model.json</c> (topology + weights manifest) and the binary weight shards it
/// lists. Only plain float32/int32 weights are supported; a quantized model is rejected rather than guessed at.
/// </summary>
public sealed class TfjsGraphModel
{
    private TfjsGraphModel(IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsTensor> weights)
    {
        Nodes = nodes;
        Weights = weights;
    }

    public IReadOnlyList<TfjsNode> Nodes { get; }

    public IReadOnlyDictionary<string, TfjsTensor> Weights { get; }

    public TfjsTensor Weight(string name) =>
        Weights.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"The model has no weight '{name}'.");

    public static TfjsGraphModel Load(string modelJsonPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!;
        using var document = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        var root = document.RootElement;

        var nodes = new List<TfjsNode>();
        foreach (var node in root.GetProperty("modelTopology").GetProperty("node").EnumerateArray())
        {
            var inputs = node.TryGetProperty("input", out var list)
                ? list.EnumerateArray().Select(i => i.GetString()!).ToArray()
                : [];
            nodes.Add(new TfjsNode(node.GetProperty("name").GetString()!, node.GetProperty("op").GetString()!, inputs));
        }

        var weights = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in root.GetProperty("weightsManifest").EnumerateArray())
        {
            // The shards of a group are one byte stream cut into files; weights are laid out back to back.
            using var shards = new MemoryStream();
            foreach (var path in group.GetProperty("paths").EnumerateArray())
            {
                using var shard = File.OpenRead(Path.Combine(directory, path.GetString()!));
                shard.CopyTo(shards);
            }

            var bytes = shards.ToArray();
            var offset = 0;
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var tensor = Decode(spec, bytes, ref offset);
                weights.Add(tensor.Name, tensor);
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"Weights manifest describes {offset} bytes but the shards hold {bytes.Length}.");
            }
        }

        return new TfjsGraphModel(nodes, weights);
    }

    private static TfjsTensor Decode(JsonElement spec, byte[] bytes, ref int offset)
    {
        var name = spec.GetProperty("name").GetString()!;
        if (spec.TryGetProperty("quantization", out _))
        {
            throw new NotSupportedException($"Weight '{name}' is quantized; only float32/int32 TF.js weights are supported.");
        }

        var shape = spec.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var dataType = spec.GetProperty("dtype").GetString()!;
        var count = shape.Aggregate(1, (product, dim) => product * dim);
        if (offset + (count * 4) > bytes.Length)
        {
            throw new InvalidDataException($"Weight '{name}' runs past the end of the shards.");
        }

        var data = bytes.AsSpan(offset, count * 4);
        offset += count * 4;
        return dataType switch
        {
            "float32" => new TfjsTensor(name, shape, dataType, ReadFloats(data, count), null),
            "int32" => new TfjsTensor(name, shape, dataType, null, ReadInts(data, count)),
            _ => throw new NotSupportedException($"Weight '{name}' has unsupported dtype '{dataType}'."),
        };
    }

    private static float[] ReadFloats(ReadOnlySpan<byte> data, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        }

        return values;
    }

    private static int[] ReadInts(ReadOnlySpan<byte> data, int count)
    {
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]);
        }

        return values;
    }
}
