namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>
/// One text as the model saw it: the pooled sentence vector and the model's state for every content token —
/// [CLS], [SEP] and the query/passage prefix's tokens left out — each row L2-normalised, with the vocabulary piece
/// it came from (so a caller can weight query tokens by the word they belong to).
/// </summary>
/// <param name="Pooled">The sentence vector, exactly what <see cref="OnnxEmbeddingGenerator.GenerateAsync"/> returns.</param>
/// <param name="TokenRows">Row-major [tokens × dimensions], each row of unit length.</param>
/// <param name="Pieces">The vocabulary piece of each row, e.g. "putin" or "##hi".</param>
public sealed record TokenEncoding(float[] Pooled, float[] TokenRows, IReadOnlyList<string> Pieces)
{
    public int TokenCount => Pieces.Count;
}
