using ChatBot.Onnx.Modeling.Graph;
using ChatBot.Onnx.Modeling.Protos;

namespace ChatBot.Onnx.Modeling.TinyBert;

/// <summary>
/// Builds a small BERT encoder with seeded random weights: the real architecture (word, position and token-type
/// embeddings, post-LayerNorm encoder layers with padding-masked multi-head attention and an exact-GELU FFN) at
/// a size that builds in milliseconds. Tests use it to check an ONNX runtime binding against another runtime;
/// the same options always give the same bytes.
/// </summary>
public sealed class TinyBertModelBuilder(TinyBertOptions options)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string LastHiddenState = "last_hidden_state";

    // Classic BERT adds -10000 to the scores of padding positions; exp() of that underflows to exactly 0.
    private const float MaskedScore = -10000f;

    public TinyBertModelBuilder()
        : this(new TinyBertOptions())
    {
    }

    public byte[] Build()
    {
        options.Validate();
        var sampler = new SeededNormalSampler(options.Seed);
        var graph = new OnnxGraphBuilder("tiny_bert");
        var hidden = options.HiddenSize;

        var inputIds = graph.AddInput(InputIds, TensorProto.Types.DataType.Int64, "batch", "sequence");
        var attentionMask = graph.AddInput(AttentionMask, TensorProto.Types.DataType.Int64, "batch", "sequence");
        var tokenTypeIds = graph.AddInput(TokenTypeIds, TensorProto.Types.DataType.Int64, "batch", "sequence");

        var x = Embeddings(graph, sampler, inputIds, tokenTypeIds);
        var scoreMask = ScoreMask(graph, attentionMask);
        for (var layer = 0; layer < options.Layers; layer++)
        {
            x = EncoderLayer(graph, sampler, x, scoreMask, $"layer{layer}");
        }

        graph.AddOutput(LastHiddenState, x, TensorProto.Types.DataType.Float, "batch", "sequence", hidden);
        return graph.ToBytes("ChatBot.Onnx.Modeling.TinyBert", $"Tiny BERT, seed {options.Seed}, hidden {hidden}.");
    }

    private string Embeddings(OnnxGraphBuilder graph, SeededNormalSampler sampler, string inputIds, string tokenTypeIds)
    {
        var hidden = options.HiddenSize;
        var wordTable = Weight(graph, sampler, "embeddings.word", options.VocabularySize, hidden);
        var positionTable = Weight(graph, sampler, "embeddings.position", options.MaxPositions, hidden);
        var typeTable = Weight(graph, sampler, "embeddings.token_type", options.TokenTypes, hidden);

        var words = graph.Node("Gather", [wordTable, inputIds]);
        var types = graph.Node("Gather", [typeTable, tokenTypeIds]);

        // Positions 0..seq-1, taken from the runtime shape so any sequence length works.
        var sequenceLength = graph.Node("Gather", [graph.Node("Shape", inputIds), graph.AddInitializer("one", [1L])], OnnxAttribute.Int("axis", 0));
        var positionIds = graph.Node("Range", [graph.AddInitializer("zero", [0L]), sequenceLength, graph.AddInitializer("step", [1L])]);
        var positions = graph.Node("Gather", [positionTable, positionIds]);

        var sum = graph.Add(graph.Add(words, positions), types);
        return LayerNorm(graph, sampler, sum, "embeddings.layer_norm");
    }

    /// <summary>[batch, 1, 1, seq] additive mask: 0 for real tokens, <see cref="MaskedScore"/> for padding.</summary>
    private static string ScoreMask(OnnxGraphBuilder graph, string attentionMask)
    {
        var mask = graph.CastToFloat(attentionMask);
        var padding = graph.Sub(graph.Scalar("one_f", 1f), mask);
        return graph.Unsqueeze(graph.Mul(padding, graph.Scalar("masked_score", MaskedScore)), 1, 2);
    }

    private string EncoderLayer(OnnxGraphBuilder graph, SeededNormalSampler sampler, string x, string scoreMask, string prefix)
    {
        var hidden = options.HiddenSize;
        var heads = options.AttentionHeads;
        var headSize = hidden / heads;

        string Heads(string projection) => graph.Transpose(graph.Reshape(projection, 0, 0, heads, headSize), 0, 2, 1, 3);

        var query = Heads(Dense(graph, sampler, x, $"{prefix}.attention.query", hidden, hidden));
        var key = Heads(Dense(graph, sampler, x, $"{prefix}.attention.key", hidden, hidden));
        var value = Heads(Dense(graph, sampler, x, $"{prefix}.attention.value", hidden, hidden));

        var keyTransposed = graph.Transpose(key, 0, 1, 3, 2);
        var scores = graph.Mul(graph.MatMul(query, keyTransposed), graph.Scalar("attention_scale", 1f / MathF.Sqrt(headSize)));
        var probabilities = graph.Softmax(graph.Add(scores, scoreMask));
        var context = graph.Reshape(graph.Transpose(graph.MatMul(probabilities, value), 0, 2, 1, 3), 0, 0, hidden);

        var attended = Dense(graph, sampler, context, $"{prefix}.attention.output", hidden, hidden);
        var afterAttention = LayerNorm(graph, sampler, graph.Add(attended, x), $"{prefix}.attention.layer_norm");

        var intermediate = Gelu(graph, Dense(graph, sampler, afterAttention, $"{prefix}.intermediate", hidden, options.IntermediateSize));
        var output = Dense(graph, sampler, intermediate, $"{prefix}.output", options.IntermediateSize, hidden);
        return LayerNorm(graph, sampler, graph.Add(output, afterAttention), $"{prefix}.output.layer_norm");
    }

    /// <summary>Exact GELU: x · ½ · (1 + erf(x / √2)), as BERT defines it (not the tanh approximation).</summary>
    private static string Gelu(OnnxGraphBuilder graph, string x)
    {
        var erf = graph.Node("Erf", graph.Div(x, graph.Scalar("sqrt2", MathF.Sqrt(2f))));
        var onePlusErf = graph.Add(erf, graph.Scalar("one_f", 1f));
        return graph.Mul(graph.Mul(x, onePlusErf), graph.Scalar("half", 0.5f));
    }

    private string Dense(OnnxGraphBuilder graph, SeededNormalSampler sampler, string x, string name, int inputs, int outputs)
    {
        var weight = Weight(graph, sampler, $"{name}.weight", inputs, outputs);
        var bias = graph.AddInitializer($"{name}.bias", sampler.Sample(outputs, 0f, options.WeightStandardDeviation), outputs);
        return graph.Linear(x, weight, bias);
    }

    private string LayerNorm(OnnxGraphBuilder graph, SeededNormalSampler sampler, string x, string name)
    {
        var hidden = options.HiddenSize;
        var scale = graph.AddInitializer($"{name}.weight", sampler.Sample(hidden, 1f, 0.1f), hidden);
        var bias = graph.AddInitializer($"{name}.bias", sampler.Sample(hidden, 0f, 0.1f), hidden);
        return graph.LayerNorm(x, scale, bias, options.LayerNormEpsilon);
    }

    private string Weight(OnnxGraphBuilder graph, SeededNormalSampler sampler, string name, int rows, int columns) =>
        graph.AddInitializer(name, sampler.Sample(rows * columns, 0f, options.WeightStandardDeviation), rows, columns);
}
