using ChatBot.Onnx.Modeling.Protos;
using Google.Protobuf;

namespace ChatBot.Onnx.Modeling.Graph;

/// <summary>
/// Builds an ONNX graph node by node. Node outputs get unique generated names, so model code can be written
/// as a chain of calls (<c>var y = graph.Node("Relu", x);</c>) without naming every intermediate value.
/// Only default-domain operators are used, so any ONNX Runtime that supports <see cref="OpsetVersion"/> runs it.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The IR version matching opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName, long opsetVersion = 17)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _graph = new GraphProto { Name = graphName };
        OpsetVersion = opsetVersion;
    }

    public long OpsetVersion { get; }

    public string AddInput(string name, TensorProto.Types.DataType elementType, params TensorDimension[] shape)
    {
        Reserve(name);
        _graph.Input.Add(ValueInfo(name, elementType, shape));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output under <paramref name="name"/>.</summary>
    public string AddOutput(string name, string value, TensorProto.Types.DataType elementType, params TensorDimension[] shape)
    {
        if (!string.Equals(name, value, StringComparison.Ordinal))
        {
            // Output names are part of the model's contract; bind the generated value to the public name.
            Reserve(name);
            _graph.Node.Add(NewNode("Identity", [value], [name], UniqueName("Identity"), []));
        }

        _graph.Output.Add(ValueInfo(name, elementType, shape));
        return name;
    }

    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims) =>
        AddInitializer(OnnxTensors.Float(UniqueName(name), values, dims));

    public string AddInitializer(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddInitializer(OnnxTensors.Int64(UniqueName(name), values, dims));

    /// <summary>A float scalar initializer (shape []).</summary>
    public string Scalar(string name, float value) => AddInitializer(name, [value]);

    /// <summary>A 1-D int64 initializer, the usual form of shape, axes and index operands.</summary>
    public string Int64Vector(string name, params long[] values) => AddInitializer(name, values, values.Length);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes) =>
        NodeWithOutputs(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a single-input node with one output and returns the output's name.</summary>
    public string Node(string opType, string input, params AttributeProto[] attributes) =>
        Node(opType, [input], attributes);

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs and returns their names.</summary>
    public IReadOnlyList<string> NodeWithOutputs(
        string opType, IReadOnlyList<string> inputs, int outputCount, params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        var nodeName = UniqueName(opType);
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = UniqueName($"{nodeName}_out{i}");
        }

        _graph.Node.Add(NewNode(opType, inputs, outputs, nodeName, attributes));
        return outputs;
    }

    public ModelProto BuildModel(string producerName, string docString = "")
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = producerName,
            ProducerVersion = "1",
            DocString = docString,
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        return model;
    }

    /// <summary>Serializes the model; the output is deterministic for a given sequence of builder calls.</summary>
    public byte[] ToBytes(string producerName, string docString = "") => BuildModel(producerName, docString).ToByteArray();

    private string AddInitializer(TensorProto tensor)
    {
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private static NodeProto NewNode(
        string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string name, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType elementType, TensorDimension[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dimension in shape)
        {
            tensorShape.Dim.Add(dimension.Symbol is { } symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = dimension.Size!.Value });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape },
            },
        };
    }

    private void Reserve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"The graph already has a value named '{name}'.");
        }
    }

    private string UniqueName(string stem)
    {
        var suffix = _nextSuffix.GetValueOrDefault(stem);
        var candidate = suffix == 0 ? stem : $"{stem}_{suffix}";
        while (_names.Contains(candidate))
        {
            suffix++;
            candidate = $"{stem}_{suffix}";
        }

        _nextSuffix[stem] = suffix + 1;
        _names.Add(candidate);
        return candidate;
    }
}
