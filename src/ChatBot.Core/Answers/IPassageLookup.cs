namespace ChatBot.Core.Answers;

/// <summary>Loads passage text and article metadata for the passages an answer cites.</summary>
public interface IPassageLookup
{
    /// <summary>The passages with their articles, keyed by passage id; scores are left at 0 for the caller to set.</summary>
    Task<IReadOnlyDictionary<long, CitedPassage>> GetAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default);
}
