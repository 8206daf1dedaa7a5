using ChatBot.Onnx.Modeling.Protos;
using Google.Protobuf;

namespace ChatBot.Onnx.Modeling.Graph;

/// <summary>
/// Builds an ONNX graph node by node. Node outputs get unique generated names, so model code can be written
/// as a chain of calls (<c>var y = graph.Node("Relu", x);</c>) without naming every intermediate value.
/// Operators come from the default domain unless a caller asks for another domain with
/// <see cref="DomainNode"/>; each domain used is imported in the model (the default one at <see cref="OpsetVersion"/>).
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The IR version matching opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _extraDomains = new(StringComparer.Ordinal);

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

    public string AddInitializer(string name, ReadOnlySpan<sbyte> values, params long[] dims) =>
        AddInitializer(OnnxTensors.Int8(UniqueName(name), values, dims));

    public string AddInitializer(string name, ReadOnlySpan<byte> values, params long[] dims) =>
        AddInitializer(OnnxTensors.UInt8(UniqueName(name), values, dims));

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
        string opType, IReadOnlyList<string> inputs, int outputCount, params AttributeProto[] attributes) =>
        AddNode(string.Empty, opType, inputs, outputCount, attributes);

    /// <summary>
    /// Adds a one-output node from an operator domain other than the default one (e.g. ONNX Runtime's
    /// "com.microsoft" contrib operators) and imports that domain at <paramref name="domainVersion"/>.
    /// </summary>
    public string DomainNode(string domain, long domainVersion, string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        if (_extraDomains.TryGetValue(domain, out var version) && version != domainVersion)
        {
            throw new InvalidOperationException($"Domain '{domain}' is already imported at version {version}, not {domainVersion}.");
        }

        _extraDomains[domain] = domainVersion;
        return AddNode(domain, opType, inputs, 1, attributes)[0];
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
        foreach (var (domain, version) in _extraDomains)
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }

        return model;
    }

    /// <summary>Serializes the model; the output is deterministic for a given sequence of builder calls.</summary>
    public byte[] ToBytes(string producerName, string docString = "") => BuildModel(producerName, docString).ToByteArray();

    private string AddInitializer(TensorProto tensor)
    {
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private IReadOnlyList<string> AddNode(
        string domain, string opType, IReadOnlyList<string> inputs, int outputCount, AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        var nodeName = UniqueName(opType);
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = UniqueName($"{nodeName}_out{i}");
        }

        _graph.Node.Add(NewNode(opType, inputs, outputs, nodeName, attributes, domain));
        return outputs;
    }

    private static NodeProto NewNode(
        string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string name, AttributeProto[] attributes, string domain = "")
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
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
