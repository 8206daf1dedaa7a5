namespace ChatBot.Core.Retrieval.LateInteraction;

/// <summary>
/// Token states stored beside each passage's vector, under the same vector set id (so a model change re-embeds
/// both). Read only for the few candidates of a question: at 100k passages they are far too large to keep in memory.
/// </summary>
public interface IPassageTokenStateStore
{
    /// <summary>Adds or replaces the states of these passages. Written before their vectors, so a passage with a vector has its states.</summary>
    Task SaveTokenStatesAsync(string vectorSetId, IReadOnlyList<(long PassageId, TokenStates States)> states, CancellationToken cancellationToken = default);

    /// <summary>The stored states of those of <paramref name="passageIds"/> that have them under <paramref name="vectorSetId"/>.</summary>
    Task<IReadOnlyDictionary<long, TokenStates>> GetTokenStatesAsync(string vectorSetId, IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default);
}
