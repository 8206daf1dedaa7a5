using ChatBot.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.SemanticKernel;

/// <summary>
/// The app's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> is the very model the article search retrieves
/// with: the generator of the model Core's <see cref="IEmbeddingModelSource"/> supplies (the one embedding set-up,
/// from the <c>Embeddings</c> section). Resolving it waits for that set-up to finish, once; the set-up runs on the
/// thread pool, so waiting does not deadlock a caller with a synchronisation context.
/// </summary>
/// <remarks>
/// There is no stand-in when there is no model: with <c>Embeddings:Model = none</c>, or when the set-up failed
/// (package not restored, a file that will not verify, a graph ONNX Runtime rejects), resolving the generator throws
/// an <see cref="InvalidOperationException"/> that carries the set-up's reason, every time it is asked for, while
/// the <c>articles</c> plugin answers from BM25 alone only when the model is turned off (a failed set-up makes it
/// throw too, see <see cref="EmbeddingModelRequiredAnswerer"/>). Vectors are L2-normalised; inputs are passages unless
/// the options mark them as queries (<c>EmbeddingInputType.ForQueries()</c>), which asymmetric models prefix.
/// The set-up owns the generator and disposes it with the container.
/// </remarks>
internal static class EmbeddingGeneratorOfTheModel
{
    public static IEmbeddingGenerator<string, Embedding<float>> Resolve(IServiceProvider services)
    {
        var (model, reason) = services.GetRequiredService<IEmbeddingModelSource>().TryGetAsync().GetAwaiter().GetResult();
        return model?.Generator
            ?? throw new InvalidOperationException($"No embedding generator: {reason?.TrimEnd('.')}.");
    }
}
