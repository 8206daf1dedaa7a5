namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>A tokenizer whose ids map back to readable vocabulary pieces ("putin", "##hi", "[CLS]").</summary>
public interface IPieceVocabulary
{
    /// <summary>The piece of <paramref name="id"/>; "[UNK]"-like text for ids outside the vocabulary.</summary>
    string PieceOf(long id);
}
