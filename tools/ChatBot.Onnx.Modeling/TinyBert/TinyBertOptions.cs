using System.ComponentModel.DataAnnotations;

namespace ChatBot.Onnx.Modeling.TinyBert;

/// <summary>Shape and seed of the tiny BERT test model. Defaults match the bert-base-uncased vocabulary.</summary>
public sealed class TinyBertOptions
{
    [Range(1, int.MaxValue)]
    public int VocabularySize { get; set; } = 30522;

    [Range(1, 4096)]
    public int MaxPositions { get; set; } = 512;

    [Range(1, 16)]
    public int TokenTypes { get; set; } = 2;

    [Range(1, 1024)]
    public int HiddenSize { get; set; } = 32;

    [Range(1, 64)]
    public int AttentionHeads { get; set; } = 2;

    [Range(1, 4096)]
    public int IntermediateSize { get; set; } = 64;

    [Range(1, 24)]
    public int Layers { get; set; } = 2;

    /// <summary>Standard deviation of the random weights; larger than BERT's 0.02 so attention patterns differ per token.</summary>
    public float WeightStandardDeviation { get; set; } = 0.2f;

    public float LayerNormEpsilon { get; set; } = 1e-12f;

    public ulong Seed { get; set; } = 20261123;

    internal void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (HiddenSize % AttentionHeads != 0)
        {
            throw new ValidationException($"{nameof(HiddenSize)} must be divisible by {nameof(AttentionHeads)}.");
        }
    }
}
