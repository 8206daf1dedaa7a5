using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Answers;

/// <summary>What answering needs to know of the embedding model: its calibration and token encoder, and how passages were embedded.</summary>
public interface IAnswerModelSource
{
    /// <summary>The loaded model, or null when answers come from BM25 alone.</summary>
    Task<EmbeddingModelHandle?> GetModelAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether passages are embedded as "title. text" (their token states then start with the title's).</summary>
    bool EmbedsArticleTitle { get; }
}
