namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>How token states become one sentence vector.</summary>
public enum PoolingMode
{
    /// <summary>Average of the token states the attention mask keeps (sentence-transformers MiniLM).</summary>
    Mean,

    /// <summary>The first token's state ([CLS]; arctic-embed).</summary>
    Cls,

    /// <summary>The model already outputs one vector per input.</summary>
    None,
}
