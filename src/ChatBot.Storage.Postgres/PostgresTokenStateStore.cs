using ChatBot.Core.Retrieval.LateInteraction;
using NpgsqlTypes;

namespace ChatBot.Storage.Postgres;

/// <summary>Token states as <c>bytea</c> in <c>passage_token_states</c>, written with binary COPY and merged like the vectors.</summary>
public sealed class PostgresTokenStateStore(PostgresDatabase database) : IPassageTokenStateStore
{
    public async Task SaveTokenStatesAsync(
        string vectorSetId, IReadOnlyList<(long PassageId, TokenStates States)> states, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(IngestWrites.RelaxedCommit, transaction, cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TEMP TABLE incoming_token_states (passage_id BIGINT, states BYTEA) ON COMMIT DROP", transaction, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY incoming_token_states FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (passageId, passageStates) in states)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(passageId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(passageStates.ToBytes(), NpgsqlDbType.Bytea, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var merge = connection.Command(
            """
            INSERT INTO passage_token_states (passage_id, model, states)
            SELECT i.passage_id, $1, i.states FROM incoming_token_states i JOIN passages p ON p.id = i.passage_id
            ON CONFLICT (passage_id) DO UPDATE SET model = excluded.model, states = excluded.states
            """,
            transaction,
            vectorSetId))
        {
            await merge.ExecuteNonQueryAsync(cancellationToken);
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
        await using var command = connection.Command(
            "SELECT passage_id, states FROM passage_token_states WHERE model = $1 AND passage_id = ANY($2)",
            vectorSetId, passageIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = TokenStates.FromBytes((byte[])reader.GetValue(1));
        }

        return found;
    }
}
