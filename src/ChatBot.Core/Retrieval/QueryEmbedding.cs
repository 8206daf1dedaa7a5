using System.Diagnostics;
using ChatBot.Core.Diagnostics;

namespace ChatBot.Core.Retrieval;

/// <summary>Embeds one question as a search query, timed into <c>chatbot_question_embedding_duration_seconds</c> when metrics are on.</summary>
internal static class QueryEmbedding
{
    public static async Task<ReadOnlyMemory<float>> EmbedAsync(
        EmbeddingModelHandle model, string question, ChatBotMetrics? metrics, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var embedding = await model.Generator.GenerateAsync([question], model.QueryOptions, cancellationToken);
        metrics?.QuestionEmbedded(Stopwatch.GetElapsedTime(started));
        return embedding[0].Vector;
    }
}
