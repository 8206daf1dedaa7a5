namespace ChatBot.Core.Retrieval.LateInteraction;

/// <summary>
/// A model that returns, from one run, a text's sentence vector and a state for each of its tokens (ColBERT-style
/// late interaction compares a question with a passage token by token). Optional: a model without token states
/// (e.g. one that outputs sentence vectors only) has none, and retrieval stays one vector per passage.
/// </summary>
public interface ITokenStateEncoder
{
    /// <param name="texts">Questions or passages, not both in one call.</param>
    /// <param name="asQueries">True for questions (asymmetric models prefix them; prefix tokens are not returned).</param>
    Task<IReadOnlyList<EncodedTokens>> EncodeAsync(IReadOnlyList<string> texts, bool asQueries, CancellationToken cancellationToken = default);

    /// <summary>How many token rows <paramref name="text"/> yields (no special tokens), to map rows back to sentences.</summary>
    int CountTokens(string text);
}

/// <summary>One encoded text: the sentence vector and its content tokens' unit-length states with their vocabulary pieces.</summary>
/// <param name="Pooled">The sentence vector (unit length), identical to the model's pooled embedding.</param>
/// <param name="TokenRows">Row-major [tokens × dimensions], each row of unit length.</param>
/// <param name="Pieces">Each row's vocabulary piece ("putin", "##hi"); a piece starting "##" continues the word before.</param>
public sealed record EncodedTokens(ReadOnlyMemory<float> Pooled, float[] TokenRows, IReadOnlyList<string> Pieces);
