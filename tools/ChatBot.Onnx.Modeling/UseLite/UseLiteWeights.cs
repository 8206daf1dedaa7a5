using ChatBot.Onnx.Modeling.Tfjs;

namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>
/// The TF.js Universal Sentence Encoder lite weights by role. Names are the ones the TF.js converter wrote into
/// model.json (partly constant-folded, hence the mix of "module/…" and "module_apply_default/…" prefixes).
/// Scalars such as the attention scale and layer-norm epsilon are read from the model, not restated here.
/// </summary>
internal sealed class UseLiteWeights(TfjsGraphModel model)
{
    private const string Encoder = "module_apply_default/Encoder_en/KonaTransformer/";
    private const string Encode = Encoder + "Encode/";
    private const string Stack = Encode + "TransformerStack/";
    private const string Variables = "module/Encoder_en/KonaTransformer/Encode/";

    public TfjsTensor TokenEmbeddings => model.Weight("module/Embeddings_en");

    /// <summary>[1, channels/2] inverse timescales of the sinusoidal timing signal.</summary>
    public TfjsTensor InverseTimescales => model.Weight(Stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1");

    /// <summary>Tokens at positions ≥ this are dropped (ClipToMaxLength).</summary>
    public int MaxLength => model.Weight(Encoder + "ClipToMaxLength/Less/y").RequireInts()[0];

    public float LayerNormEpsilon => Scalar(Stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x");

    /// <summary>Added to the attention scores of padding keys.</summary>
    public float PaddingScoreBias => Scalar(Stack + "Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul/y");

    public int AttentionHeads => model.Weight(Stack + "Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2").RequireInts()[0];

    public TfjsTensor TanhWeights => model.Weight("module/Encoder_en/hidden_layers/tanh_layer_0/weights");

    public TfjsTensor TanhBias => model.Weight("module/Encoder_en/hidden_layers/tanh_layer_0/bias");

    /// <summary>Floor of the squared norm in the final L2 normalization.</summary>
    public float L2NormalizeFloor => Scalar("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y");

    public int HeadSize(int layer) =>
        model.Weight($"{Stack}Layer_{layer}/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3").RequireInts()[0];

    public float QueryScale(int layer) => Scalar($"{Stack}Layer_{layer}/TransformerLayer/MultiheadAttention/mul/y");

    public (TfjsTensor Scale, TfjsTensor Bias) AttentionLayerNorm(int layer) => LayerNorm($"{Encode}Layer_{layer}/TransformerLayer/layer_prepostprocess/layer_norm/");

    public (TfjsTensor Scale, TfjsTensor Bias) FeedForwardLayerNorm(int layer) => LayerNorm($"{Encode}Layer_{layer}/TransformerLayer/FFN/layer_prepostprocess/layer_norm/");

    /// <summary>1×1 convolution kernel [1, 1, in, 3·channels] producing query, key and value side by side.</summary>
    public (TfjsTensor Kernel, TfjsTensor Bias) QueryKeyValue(int layer) => (
        model.Weight($"{Variables}Layer_{layer}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0"),
        model.Weight($"{Encode}Layer_{layer}/TransformerLayer/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"));

    public (TfjsTensor Kernel, TfjsTensor Bias) AttentionOutput(int layer) => (
        model.Weight($"{Variables}Layer_{layer}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0"),
        model.Weight($"{Encode}Layer_{layer}/TransformerLayer/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"));

    /// <summary>Layer 0 widens its residual branch from 256 to 512 with this dense layer (AdjustResidualInput).</summary>
    public (TfjsTensor Kernel, TfjsTensor Bias)? ResidualProjection(int layer)
    {
        var kernel = $"{Encode}Layer_{layer}/TransformerLayer/dense/kernel/ConcatPartitions/concat";
        return model.Weights.ContainsKey(kernel)
            ? (model.Weight(kernel), model.Weight($"{Encode}Layer_{layer}/TransformerLayer/dense/bias/ConcatPartitions/concat"))
            : null;
    }

    public (TfjsTensor Kernel, TfjsTensor Bias) FeedForwardInner(int layer) => (
        model.Weight($"{Stack}Layer_{layer}/TransformerLayer/FFN/conv1/Tensordot/Reshape_1"),
        model.Weight($"{Encode}Layer_{layer}/TransformerLayer/FFN/conv1/bias/ConcatPartitions/concat"));

    public (TfjsTensor Kernel, TfjsTensor Bias) FeedForwardOuter(int layer) => (
        model.Weight($"{Stack}Layer_{layer}/TransformerLayer/FFN/conv2/Tensordot/Reshape_1"),
        model.Weight($"{Encode}Layer_{layer}/TransformerLayer/FFN/conv2/bias/ConcatPartitions/concat"));

    public int LayerCount()
    {
        var layers = 0;
        while (model.Weights.ContainsKey($"{Variables}Layer_{layers}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0"))
        {
            layers++;
        }

        return layers;
    }

    private (TfjsTensor Scale, TfjsTensor Bias) LayerNorm(string prefix) =>
        (model.Weight(prefix + "layer_norm_scale/ConcatPartitions/concat"), model.Weight(prefix + "layer_norm_bias/ConcatPartitions/concat"));

    private float Scalar(string name) => model.Weight(name).RequireFloats()[0];
}
