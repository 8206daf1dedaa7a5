using System.Collections.Concurrent;
using ChatBot.Core.Answers;

namespace ChatBot.Discord.Tests.Support;

/// <summary>Wraps an answerer and records every question it was asked, to prove nothing is answered twice.</summary>
public sealed class RecordingAnswerer(IQuestionAnswerer inner) : IQuestionAnswerer
{
    private readonly ConcurrentQueue<string> _questions = new();

    public IReadOnlyList<string> Questions => [.. _questions];

    public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        _questions.Enqueue(question);
        return inner.AnswerAsync(question, maxPassages, cancellationToken);
    }
}
