using ChatBot.Onnx.Modeling.Graph;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.Quantization;
using ChatBot.Onnx.Modeling.Tfjs;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// Re-expresses the TF.js Universal Sentence Encoder lite graph in standard ONNX operators with its original
/// weights. The TF graph takes a sparse (indices, values) batch and gathers/scatters the real tokens around every
/// per-token step; here the same math runs on a dense padded batch, and padding is handled exactly where it can
/// change a real token's result: attention (padding keys get the model's −1e9 score bias) and mean pooling
/// (padding is excluded). Per-token steps on padding rows compute values nobody reads.
/// </summary>
internal static class UseLiteOnnxGraph
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Output = "sentence_embedding";

    /// <summary>
    /// Operator counts of the published TF.js graph. The conversion encodes that graph's structure, so a
    /// model.json with a different shape is refused instead of being converted into something else.
    /// </summary>
    private static readonly Dictionary<string, int> ExpectedOperatorCounts = new(StringComparer.Ordinal)
    {
        ["Placeholder"] = 2,
        ["SparseToDense"] = 1,
        ["Conv2D"] = 4,
        ["BatchMatMul"] = 4,
        ["MatMul"] = 6,
        ["Softmax"] = 2,
        ["Relu"] = 2,
        ["Sin"] = 1,
        ["Cos"] = 1,
        ["Rsqrt"] = 5,
        ["Tanh"] = 1,
    };

    /// <param name="denseLayers">
    /// Writes the per-token dense layers (query/key/value, attention output, residual projection, both FFN layers):
    /// float by default, or with int8 weights. The token embeddings, layer norms, attention products and the
    /// once-per-sentence tanh layer always stay float: they are either not matrix products with fixed weights or too
    /// small to matter.
    /// </param>
    public static byte[] Build(TfjsGraphModel model, string docString, IDenseLayerEmitter? denseLayers = null)
    {
        EnsureExpectedGraph(model);
        denseLayers ??= new FloatDenseLayerEmitter();
        var weights = new UseLiteWeights(model);
        var graph = new OnnxGraphBuilder("universal_sentence_encoder_lite");
        var epsilon = weights.LayerNormEpsilon;

        var ids = graph.AddInput(InputIds, TensorProto.Types.DataType.Int64, "batch", "sequence");
        var mask = graph.AddInput(AttentionMask, TensorProto.Types.DataType.Int64, "batch", "sequence");

        // ClipToMaxLength: the TF model ignores tokens at positions ≥ 128.
        var maxLength = graph.Int64Vector("max_length", weights.MaxLength);
        var zero = graph.Int64Vector("zero", 0);
        var sequenceAxis = graph.Int64Vector("sequence_axis", 1);
        ids = graph.Node("Slice", [ids, zero, maxLength, sequenceAxis]);
        mask = graph.Node("Slice", [mask, zero, maxLength, sequenceAxis]);
        var maskFloat = graph.CastToFloat(mask);

        var embeddings = graph.Node("Gather", [Initializer(graph, "token_embeddings", weights.TokenEmbeddings), ids]);
        var timing = TimingSignal(graph, weights, ids);
        // The TF graph adds the scattered embeddings to the scattered (embeddings + timing signal): x + (x + t).
        var x = graph.Add(embeddings, graph.Add(embeddings, timing));

        var scoreBias = graph.Unsqueeze(graph.Mul(graph.Sub(graph.Scalar("one", 1f), maskFloat), graph.Scalar("padding_score_bias", weights.PaddingScoreBias)), 1, 2);
        for (var layer = 0; layer < weights.LayerCount(); layer++)
        {
            x = TransformerLayer(graph, denseLayers, weights, layer, x, scoreBias, epsilon);
        }

        var pooled = MeanPool(graph, x, maskFloat);
        var hidden = graph.Node("Tanh", graph.Linear(pooled, Initializer(graph, "tanh_layer.weights", weights.TanhWeights), Initializer(graph, "tanh_layer.bias", weights.TanhBias)));
        var normalized = L2Normalize(graph, hidden, weights.L2NormalizeFloor);

        graph.AddOutput(Output, normalized, TensorProto.Types.DataType.Float, "batch", weights.TanhBias.Shape[0]);
        return graph.ToBytes("ChatBot.Onnx.Modeling.UseLite", docString);
    }

    private static void EnsureExpectedGraph(TfjsGraphModel model)
    {
        var counts = model.Nodes.GroupBy(node => node.Op, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var differences = ExpectedOperatorCounts
            .Where(expected => counts.GetValueOrDefault(expected.Key) != expected.Value)
            .Select(expected => $"{expected.Key}: expected {expected.Value}, found {counts.GetValueOrDefault(expected.Key)}")
            .ToList();
        if (differences.Count > 0)
        {
            throw new InvalidDataException("This is not the TF.js graph the USE-lite converter was written for (" + string.Join("; ", differences) + ").");
        }
    }

    /// <summary>sin/cos of position × inverse timescale, concatenated: [sequence, channels].</summary>
    private static string TimingSignal(OnnxGraphBuilder graph, UseLiteWeights weights, string ids)
    {
        var sequenceLength = graph.Node("Gather", [graph.Node("Shape", ids), graph.AddInitializer("one_index", [1L])], OnnxAttribute.Int("axis", 0));
        var positions = graph.CastToFloat(graph.Node("Range", [graph.AddInitializer("zero_scalar", [0L]), sequenceLength, graph.AddInitializer("one_step", [1L])]));
        var scaled = graph.Mul(graph.Unsqueeze(positions, 1), Initializer(graph, "inverse_timescales", weights.InverseTimescales));
        return graph.Node("Concat", [graph.Node("Sin", scaled), graph.Node("Cos", scaled)], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>
    /// One pre-norm transformer layer: y = x' + Attention(LN(x)), out = y + FFN(LN(y)), where x' is x, or x
    /// through a dense projection when the layer widens the channels.
    /// </summary>
    private static string TransformerLayer(OnnxGraphBuilder graph, IDenseLayerEmitter denseLayers, UseLiteWeights weights, int layer, string x, string scoreBias, float epsilon)
    {
        var prefix = $"layer{layer}";
        var (lnScale, lnBias) = weights.AttentionLayerNorm(layer);
        var normalized = graph.LayerNorm(x, Initializer(graph, $"{prefix}.attention_norm.scale", lnScale), Initializer(graph, $"{prefix}.attention_norm.bias", lnBias), epsilon);

        var attention = SelfAttention(graph, denseLayers, weights, layer, normalized, scoreBias, prefix);
        var residual = weights.ResidualProjection(layer) is { } projection
            ? Dense(graph, denseLayers, $"{prefix}.residual_projection", projection.Kernel, projection.Bias, x)
            : x;
        var afterAttention = graph.Add(attention, residual);

        var (ffnScale, ffnBias) = weights.FeedForwardLayerNorm(layer);
        var ffnInput = graph.LayerNorm(afterAttention, Initializer(graph, $"{prefix}.ffn_norm.scale", ffnScale), Initializer(graph, $"{prefix}.ffn_norm.bias", ffnBias), epsilon);
        var (innerKernel, innerBias) = weights.FeedForwardInner(layer);
        var (outerKernel, outerBias) = weights.FeedForwardOuter(layer);
        var inner = graph.Node("Relu", Dense(graph, denseLayers, $"{prefix}.ffn_inner", innerKernel, innerBias, ffnInput));
        var ffn = Dense(graph, denseLayers, $"{prefix}.ffn_outer", outerKernel, outerBias, inner);
        return graph.Add(ffn, afterAttention);
    }

    private static string SelfAttention(OnnxGraphBuilder graph, IDenseLayerEmitter denseLayers, UseLiteWeights weights, int layer, string x, string scoreBias, string prefix)
    {
        var heads = weights.AttentionHeads;
        var headSize = weights.HeadSize(layer);
        var channels = heads * headSize;
        var (qkvKernel, qkvBias) = weights.QueryKeyValue(layer);
        var inputs = qkvKernel.Shape[2];
        if (qkvKernel.Shape[3] != 3 * channels)
        {
            throw new InvalidDataException($"Layer {layer}: qkv kernel is {qkvKernel.Shape[3]} wide, expected 3 × {heads} × {headSize}.");
        }

        // The 1×1 convolution followed by SplitV is a dense layer whose output columns are [query | key | value].
        string Projection(string name, int part)
        {
            var kernel = Columns(qkvKernel.RequireFloats(), inputs, 3 * channels, part * channels, channels);
            var projected = denseLayers.Emit(graph, $"{prefix}.{name}", x, kernel, inputs, channels, qkvBias.RequireFloats().AsSpan(part * channels, channels));
            return graph.Transpose(graph.Reshape(projected, 0, 0, heads, headSize), 0, 2, 1, 3);
        }

        var query = graph.Mul(Projection("query", 0), graph.Scalar($"{prefix}.query_scale", weights.QueryScale(layer)));
        var key = Projection("key", 1);
        var value = Projection("value", 2);

        var scores = graph.Add(graph.MatMul(query, graph.Transpose(key, 0, 1, 3, 2)), scoreBias);
        var context = graph.MatMul(graph.Softmax(scores), value);
        var combined = graph.Reshape(graph.Transpose(context, 0, 2, 1, 3), 0, 0, channels);

        var (outputKernel, outputBias) = weights.AttentionOutput(layer);
        return Dense(graph, denseLayers, $"{prefix}.attention_output", outputKernel, outputBias, combined);
    }

    /// <summary>Sum of the real tokens' vectors divided by max(token count, 1), as the TF graph pools.</summary>
    private static string MeanPool(OnnxGraphBuilder graph, string x, string maskFloat)
    {
        var sequenceAxis = graph.Int64Vector("pool_axis", 1);
        var summed = graph.Node("ReduceSum", [graph.Mul(x, graph.Unsqueeze(maskFloat, 2)), sequenceAxis], OnnxAttribute.Int("keepdims", 0));
        var counts = graph.Node("ReduceSum", [maskFloat, sequenceAxis], OnnxAttribute.Int("keepdims", 1));
        return graph.Div(summed, graph.Node("Max", [counts, graph.Scalar("min_count", 1f)]));
    }

    /// <summary>x / sqrt(max(Σx², floor)), TF's l2_normalize with the model's floor.</summary>
    private static string L2Normalize(OnnxGraphBuilder graph, string x, float floor)
    {
        var squaredNorm = graph.Node("ReduceSum", [graph.Mul(x, x), graph.Int64Vector("norm_axis", 1)], OnnxAttribute.Int("keepdims", 1));
        var norm = graph.Node("Sqrt", graph.Node("Max", [squaredNorm, graph.Scalar("norm_floor", floor)]));
        return graph.Div(x, norm);
    }

    /// <summary>A dense layer from a TF kernel that is either [in, out] or a 1×1 convolution kernel [1, 1, in, out].</summary>
    private static string Dense(OnnxGraphBuilder graph, IDenseLayerEmitter denseLayers, string name, TfjsTensor kernel, TfjsTensor bias, string x)
    {
        var inputs = kernel.Shape[^2];
        var outputs = kernel.Shape[^1];
        if (kernel.ElementCount != inputs * outputs)
        {
            throw new InvalidDataException($"Kernel '{kernel.Name}' [{string.Join(", ", kernel.Shape)}] is not a dense kernel.");
        }

        if (bias.ElementCount != outputs)
        {
            throw new InvalidDataException($"Bias '{bias.Name}' has {bias.ElementCount} values for a {outputs}-wide layer.");
        }

        return denseLayers.Emit(graph, name, x, kernel.RequireFloats(), inputs, outputs, bias.RequireFloats());
    }

    private static string Initializer(OnnxGraphBuilder graph, string name, TfjsTensor tensor) =>
        graph.AddInitializer(name, tensor.RequireFloats(), [.. tensor.Shape.Select(d => (long)d)]);

    /// <summary>Columns [first, first + count) of a row-major [rows, totalColumns] matrix.</summary>
    private static float[] Columns(float[] matrix, int rows, int totalColumns, int first, int count)
    {
        var result = new float[rows * count];
        for (var row = 0; row < rows; row++)
        {
            Array.Copy(matrix, (row * totalColumns) + first, result, row * count, count);
        }

        return result;
    }
}
