using ChatBot.Core.Answers;
using ChatBot.Core.Hosting;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.SemanticKernel;

/// <summary>
/// The article search of an app that asked for meaning-based retrieval (any <c>Embeddings:Model</c> but <c>none</c>,
/// any <c>Retrieval:Mode</c> but <c>Bm25</c>) answers with the model or not at all: when the model cannot be set up
/// (no manifest under the models folder, a file that will not verify…) every search throws with the set-up's reason
/// and what to set. A plain <c>Kernel.CreateBuilder()</c> app has no logger to carry a warning, so quietly answering
/// from BM25 alone would go unnoticed. BM25 alone is had by asking for it.
/// </summary>
internal sealed class EmbeddingModelRequiredAnswerer(
    IQuestionAnswerer answerer,
    IEmbeddingModelSource models,
    IOptions<OnnxEmbeddingOptions> embeddings,
    IOptions<HybridOptions> retrieval,
    ContentRoot root) : IQuestionAnswerer
{
    public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        var wanted = retrieval.Value.Mode != RetrievalMode.Bm25 &&
                     !string.Equals(embeddings.Value.Model, OnnxEmbeddingOptions.Disabled, StringComparison.OrdinalIgnoreCase);
        if (wanted && (await models.TryGetAsync(cancellationToken)).Reason is { } reason && !string.IsNullOrEmpty(reason))
        {
            throw new InvalidOperationException(
                $"The article search has no embedding model ({reason.TrimEnd('.')}), so it will not answer from BM25 alone without being asked. " +
                $"Set Embeddings:ModelsPath to the folder holding the model manifests (relative paths are taken from the content root {root.Path}, " +
                $"see ChatBot:Root), or set Embeddings:Model = {OnnxEmbeddingOptions.Disabled} to answer from BM25 alone.");
        }

        return await answerer.AnswerAsync(question, maxPassages, cancellationToken);
    }
}
