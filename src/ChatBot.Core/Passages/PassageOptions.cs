using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Passages;

/// <summary>Size bounds for passages, in characters.</summary>
public sealed class PassageOptions
{
    /// <summary>Paragraphs shorter than this are merged with a neighbour: alone they carry too little context.</summary>
    [Range(0, 10_000)]
    public int MinLength { get; set; } = 120;

    /// <summary>Paragraphs longer than this are split at sentence boundaries so a quote stays readable.</summary>
    [Range(200, 100_000)]
    public int MaxLength { get; set; } = 800;
}
