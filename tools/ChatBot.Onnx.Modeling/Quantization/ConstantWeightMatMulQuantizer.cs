using System.Buffers.Binary;
using ChatBot.Onnx.Modeling.Graph;
using ChatBot.Onnx.Modeling.Protos;

namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>
/// Rewrites an existing ONNX model (e.g. an exported BERT) so that every default-domain MatMul whose second input is
/// a constant 2-D float initializer multiplies in integers: the weight becomes int8 with one scale per output column
/// (<see cref="Int8WeightQuantizer"/>), the activation is quantized per tensor at run time. Everything else — other
/// MatMuls (activation × activation, as in attention), Gathers (the embedding tables), layer norms — is kept as it
/// is, node for node and field for field: the model is edited in place, and fields our onnx.proto subset does not
/// declare survive as unknown fields of the parsed message.
/// <para>
/// With <c>foldBias</c>, a MatMul whose only reader is an Add of a matching 1-D float initializer takes that bias
/// into the quantized node (the contrib operators have a bias input) and the Add goes away.
/// </para>
/// </summary>
public sealed class ConstantWeightMatMulQuantizer(QuantizedMatMulOperators operators, int maxLevel, bool foldBias)
{
    public QuantizedMatMulOperators Operators { get; } = operators;

    public int MaxLevel { get; } = maxLevel;

    public bool FoldBias { get; } = foldBias;

    /// <summary>Returns a rewritten copy of <paramref name="model"/>; the argument is not changed.</summary>
    public QuantizedModel Quantize(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph ?? throw new InvalidDataException("The model has no graph.");
        var initializers = graph.Initializer.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        // An initializer that is also a graph input is only a default the caller may override, so not a constant.
        foreach (var input in graph.Input)
        {
            initializers.Remove(input.Name);
        }

        var names = new GraphNames(graph);
        var readers = CountReaders(graph);
        var emitter = new Emitter(this, names);
        var rewritten = new List<string>();
        var nodes = new List<NodeProto>(graph.Node.Count);
        var foldedAdds = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);

        foreach (var node in graph.Node)
        {
            if (foldedAdds.Contains(node))
            {
                continue;
            }

            if (!IsConstantWeightMatMul(node, initializers, out var weight))
            {
                nodes.Add(node);
                continue;
            }

            var output = node.Output[0];
            var biasAdd = FoldBias ? FindBiasAdd(graph, output, weight.Dims[1], initializers, readers) : null;
            string? bias = null;
            if (biasAdd is not null)
            {
                bias = BiasOf(biasAdd, output);
                output = biasAdd.Output[0];
                foldedAdds.Add(biasAdd);
            }

            nodes.AddRange(emitter.Emit(node, weight, bias, output));
            rewritten.Add(node.Name);
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        graph.Initializer.AddRange(emitter.NewInitializers);
        RemoveUnread(graph);
        if (rewritten.Count > 0 && Operators != QuantizedMatMulOperators.Standard
            && !result.OpsetImport.Any(import => import.Domain == Int8DenseLayerEmitter.MicrosoftDomain))
        {
            result.OpsetImport.Add(new OperatorSetIdProto { Domain = Int8DenseLayerEmitter.MicrosoftDomain, Version = 1 });
        }

        return new QuantizedModel(result, rewritten);
    }

    private static bool IsConstantWeightMatMul(NodeProto node, Dictionary<string, TensorProto> initializers, out TensorProto weight)
    {
        weight = null!;
        return node.OpType == "MatMul" && node.Domain.Length == 0 && node.Input.Count == 2
            && initializers.TryGetValue(node.Input[1], out weight!)
            && weight.DataType == (int)TensorProto.Types.DataType.Float && weight.Dims.Count == 2;
    }

    /// <summary>The single Add that reads <paramref name="value"/> together with a float [columns] initializer.</summary>
    private static NodeProto? FindBiasAdd(GraphProto graph, string value, long columns, Dictionary<string, TensorProto> initializers, Dictionary<string, int> readers)
    {
        if (readers.GetValueOrDefault(value) != 1 || graph.Output.Any(output => output.Name == value))
        {
            return null;
        }

        var add = graph.Node.FirstOrDefault(node => node.Input.Contains(value));
        if (add is not { OpType: "Add", Domain.Length: 0 } || add.Input.Count != 2 || add.Input[0] == add.Input[1])
        {
            return null;
        }

        var other = BiasOf(add, value);
        return initializers.TryGetValue(other, out var bias)
            && bias.DataType == (int)TensorProto.Types.DataType.Float && bias.Dims.Count == 1 && bias.Dims[0] == columns
            ? add
            : null;
    }

    private static string BiasOf(NodeProto add, string product) => add.Input[0] == product ? add.Input[1] : add.Input[0];

    /// <summary>How many node inputs (subgraphs included) and graph outputs read each value.</summary>
    private static Dictionary<string, int> CountReaders(GraphProto graph)
    {
        var readers = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(GraphProto g)
        {
            foreach (var node in g.Node)
            {
                foreach (var input in node.Input)
                {
                    readers[input] = readers.GetValueOrDefault(input) + 1;
                }

                foreach (var attribute in node.Attribute)
                {
                    if (attribute.G is { } subgraph)
                    {
                        Count(subgraph);
                    }

                    foreach (var nested in attribute.Graphs)
                    {
                        Count(nested);
                    }
                }
            }

            foreach (var output in g.Output)
            {
                readers[output.Name] = readers.GetValueOrDefault(output.Name) + 1;
            }
        }

        Count(graph);
        return readers;
    }

    /// <summary>Drops the float weights and folded biases nothing reads any more, and value_info of removed values.</summary>
    private static void RemoveUnread(GraphProto graph)
    {
        var readers = CountReaders(graph);
        var unread = graph.Initializer.Where(tensor => !readers.ContainsKey(tensor.Name)).ToList();
        foreach (var tensor in unread)
        {
            graph.Initializer.Remove(tensor);
        }

        var produced = graph.Node.SelectMany(node => node.Output).ToHashSet(StringComparer.Ordinal);
        foreach (var info in graph.ValueInfo.Where(info => !produced.Contains(info.Name)).ToList())
        {
            graph.ValueInfo.Remove(info);
        }
    }

    internal static float[] FloatValues(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        var bytes = tensor.RawData.Span;
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"Initializer '{tensor.Name}' has {bytes.Length} raw bytes, not a whole number of floats.");
        }

        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return values;
    }

    /// <summary>Writes the replacement nodes of one MatMul; remembers quantized weights and activations to share them.</summary>
    private sealed class Emitter(ConstantWeightMatMulQuantizer owner, GraphNames names)
    {
        private readonly Dictionary<string, (string Values, string Scale)> _weights = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Values, string Scale, string ZeroPoint)> _activations = new(StringComparer.Ordinal);

        public List<TensorProto> NewInitializers { get; } = [];

        public List<NodeProto> Emit(NodeProto matMul, TensorProto weight, string? bias, string output)
        {
            var (weightValues, weightScale) = QuantizedWeight(weight);
            var input = matMul.Input[0];
            var stem = string.IsNullOrEmpty(matMul.Name) ? names.Unique("MatMul") : matMul.Name;
            var nodes = new List<NodeProto>();
            switch (owner.Operators)
            {
                case QuantizedMatMulOperators.DynamicQuantizeMatMul:
                    // b_zero_point is left out: it defaults to 0, which is what symmetric quantization means.
                    nodes.Add(Node(names.Unique($"{stem}_int8"), "DynamicQuantizeMatMul", Int8DenseLayerEmitter.MicrosoftDomain,
                        [input, weightValues, weightScale, string.Empty, bias ?? string.Empty], output));
                    break;

                case QuantizedMatMulOperators.MatMulIntegerToFloat:
                {
                    var activation = QuantizedActivation(input, nodes);
                    var inputs = new List<string> { activation.Values, weightValues, activation.Scale, weightScale, activation.ZeroPoint };
                    if (bias is not null)
                    {
                        inputs.AddRange([string.Empty, bias]);
                    }

                    nodes.Add(Node(names.Unique($"{stem}_int8"), "MatMulIntegerToFloat", Int8DenseLayerEmitter.MicrosoftDomain, inputs, output));
                    break;
                }

                case QuantizedMatMulOperators.Standard:
                {
                    var activation = QuantizedActivation(input, nodes);
                    var product = names.Unique($"{stem}_int32");
                    nodes.Add(Node(names.Unique($"{stem}_int8"), "MatMulInteger", string.Empty, [activation.Values, weightValues, activation.ZeroPoint], product));
                    var asFloat = names.Unique($"{stem}_float");
                    var cast = Node(names.Unique($"{stem}_cast"), "Cast", string.Empty, [product], asFloat);
                    cast.Attribute.Add(OnnxAttribute.Int("to", (long)TensorProto.Types.DataType.Float));
                    nodes.Add(cast);
                    var rescale = names.Unique($"{stem}_rescale");
                    nodes.Add(Node(names.Unique($"{stem}_scales"), "Mul", string.Empty, [activation.Scale, weightScale], rescale));
                    var scaled = bias is null ? output : names.Unique($"{stem}_scaled");
                    nodes.Add(Node(names.Unique($"{stem}_mul"), "Mul", string.Empty, [asFloat, rescale], scaled));
                    if (bias is not null)
                    {
                        nodes.Add(Node(names.Unique($"{stem}_bias"), "Add", string.Empty, [scaled, bias], output));
                    }

                    break;
                }

                default:
                    throw new InvalidOperationException($"Unknown operator choice {owner.Operators}.");
            }

            return nodes;
        }

        private (string Values, string Scale) QuantizedWeight(TensorProto weight)
        {
            if (!_weights.TryGetValue(weight.Name, out var quantized))
            {
                var rows = checked((int)weight.Dims[0]);
                var columns = checked((int)weight.Dims[1]);
                var floats = FloatValues(weight);
                if (floats.Length != (long)rows * columns)
                {
                    // Also what a tensor kept in an external file looks like: its values are not in the model.
                    throw new InvalidDataException($"Initializer '{weight.Name}' holds {floats.Length} floats, its shape [{rows}, {columns}] needs {(long)rows * columns} (external tensor data is not supported).");
                }

                var int8 = Int8WeightQuantizer.QuantizePerColumn(floats, rows, columns, owner.MaxLevel);
                var values = OnnxTensors.Int8(names.Unique($"{weight.Name}_int8"), int8.Values, rows, columns);
                var scales = OnnxTensors.Float(names.Unique($"{weight.Name}_scale"), int8.Scales, columns);
                NewInitializers.AddRange([values, scales]);
                quantized = (values.Name, scales.Name);
                _weights[weight.Name] = quantized;
            }

            return quantized;
        }

        /// <summary>One DynamicQuantizeLinear per activation, shared by every MatMul that reads it (query, key, value).</summary>
        private (string Values, string Scale, string ZeroPoint) QuantizedActivation(string input, List<NodeProto> nodes)
        {
            if (!_activations.TryGetValue(input, out var quantized))
            {
                quantized = (names.Unique($"{input}_quantized"), names.Unique($"{input}_scale"), names.Unique($"{input}_zero_point"));
                _activations[input] = quantized;
                var node = new NodeProto { Name = names.Unique($"{input}_DynamicQuantizeLinear"), OpType = "DynamicQuantizeLinear" };
                node.Input.Add(input);
                node.Output.AddRange([quantized.Values, quantized.Scale, quantized.ZeroPoint]);
                nodes.Add(node);
            }

            return quantized;
        }

        private static NodeProto Node(string name, string opType, string domain, IEnumerable<string> inputs, string output)
        {
            var node = new NodeProto { Name = name, OpType = opType, Domain = domain };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            return node;
        }
    }

    /// <summary>Every name already used in the graph (values, initializers, nodes), so new ones never collide.</summary>
    private sealed class GraphNames
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public GraphNames(GraphProto graph)
        {
            _used.UnionWith(graph.Input.Select(value => value.Name));
            _used.UnionWith(graph.Output.Select(value => value.Name));
            _used.UnionWith(graph.Initializer.Select(tensor => tensor.Name));
            foreach (var node in graph.Node)
            {
                _used.Add(node.Name);
                _used.UnionWith(node.Input);
                _used.UnionWith(node.Output);
            }
        }

        public string Unique(string stem)
        {
            var candidate = stem;
            for (var suffix = 1; !_used.Add(candidate); suffix++)
            {
                candidate = $"{stem}_{suffix}";
            }

            return candidate;
        }
    }
}
