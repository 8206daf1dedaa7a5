using ChatBot.Core.Answers;
using ChatBot.Core.Coordination;

namespace ChatBot.Telegram.Tests.ScaleOut;

/// <summary>
/// A replica that dies while answering: the answer to a question containing <see cref="Trigger"/> never comes (the
/// process is gone, so it does not react to cancellation either) and <see cref="Died"/> fires.
/// </summary>
internal sealed class DyingAnswerer(IQuestionAnswerer inner, Action onDeath) : IQuestionAnswerer
{
    public const string Trigger = "#die";

    private readonly TaskCompletionSource<Answer> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Died { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        if (!question.Contains(Trigger, StringComparison.Ordinal))
        {
            return inner.AnswerAsync(question, maxPassages, cancellationToken);
        }

        onDeath();
        Died.TrySetResult();
        return _never.Task;
    }

    /// <summary>
    /// Lets the hung call end so the test host can shut down. The error becomes an apology that a dead process could
    /// not send, so this comes only after the test has counted the messages.
    /// </summary>
    public void Bury() => _never.TrySetException(new InvalidOperationException("this replica is dead"));
}

/// <summary>The claim store of a replica that can die: afterwards it can reach the database no more (no renewals, no completion).</summary>
internal sealed class MortalClaims(IUpdateClaimStore inner) : IUpdateClaimStore
{
    private volatile bool _dead;

    public void Die() => _dead = true;

    public Task<ClaimOutcome> TryClaimAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Alive().TryClaimAsync(scope, updateId, owner, lease, cancellationToken);

    public Task<bool> RenewAsync(string scope, long updateId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Alive().RenewAsync(scope, updateId, owner, lease, cancellationToken);

    public Task CompleteAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default) =>
        Alive().CompleteAsync(scope, updateId, owner, cancellationToken);

    public Task ReleaseAsync(string scope, long updateId, string owner, CancellationToken cancellationToken = default) =>
        Alive().ReleaseAsync(scope, updateId, owner, cancellationToken);

    private IUpdateClaimStore Alive() => _dead ? throw new InvalidOperationException("this replica is dead") : inner;
}
