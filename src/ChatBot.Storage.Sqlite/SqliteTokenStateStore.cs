using ChatBot.Core.Retrieval.LateInteraction;
using Microsoft.Data.Sqlite;

namespace ChatBot.Storage.Sqlite;

/// <summary>Token states as BLOBs in <c>passage_token_states</c>; deleting a passage deletes them (foreign key cascade).</summary>
public sealed class SqliteTokenStateStore(SqliteDatabase database) : IPassageTokenStateStore
{
    public async Task SaveTokenStatesAsync(
        string vectorSetId, IReadOnlyList<(long PassageId, TokenStates States)> states, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.Command(
            "INSERT OR REPLACE INTO passage_token_states (passage_id, model, states) VALUES ($id, $model, $states)", transaction);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var blob = command.Parameters.Add("$states", SqliteType.Blob);
        command.With("$model", vectorSetId);
        foreach (var (passageId, passageStates) in states)
        {
            id.Value = passageId;
            blob.Value = passageStates.ToBytes();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, TokenStates>> GetTokenStatesAsync(
        string vectorSetId, IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<long, TokenStates>();
        if (passageIds.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        // Ids are numbers from this process, joined rather than bound one by one: a question reads ~10 rows.
        await using var command = connection.Command(
            $"SELECT passage_id, states FROM passage_token_states WHERE model = $model AND passage_id IN ({string.Join(',', passageIds)})");
        await using var reader = await command.With("$model", vectorSetId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = TokenStates.FromBytes((byte[])reader.GetValue(1));
        }

        return found;
    }
}
