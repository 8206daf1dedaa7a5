namespace ChatBot.Storage.Postgres;

/// <summary>
/// The versioned schema. Each entry upgrades from the previous version; <c>schema_version</c> records the last
/// one applied. Never edit a released step: add a new one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The channel every generation change is announced on (payload: the counter's name).</summary>
    public const string GenerationChannel = "chatbot_generations";

    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: the SQLite store's tables (schema 3) in PostgreSQL types; generation counters bumped by statement
        //    triggers that also NOTIFY, so replicas learn of a change at commit instead of asking; update claims
        //    for answering each platform update once across replicas.
        $"""
        CREATE TABLE articles (
            id                TEXT PRIMARY KEY,
            content_hash      TEXT NOT NULL,
            source_signature  TEXT,
            title             TEXT NOT NULL,
            publisher         TEXT,
            url               TEXT,
            published         DATE,
            date_certain      BOOLEAN NOT NULL,
            date_basis        TEXT NOT NULL,
            body              TEXT NOT NULL,
            warnings          JSONB NOT NULL,
            ingested_at       TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE passages (
            id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ordinal     INTEGER NOT NULL,
            start       INTEGER NOT NULL,
            length      INTEGER NOT NULL,
            text        TEXT NOT NULL,
            UNIQUE (article_id, ordinal)
        );
        CREATE TABLE passage_vectors (
            passage_id  BIGINT PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
            model       TEXT NOT NULL,
            dims        INTEGER NOT NULL,
            vector      BYTEA NOT NULL
        );
        CREATE INDEX passage_vectors_by_model ON passage_vectors (model, passage_id);
        CREATE TABLE bot_state (
            key         TEXT PRIMARY KEY,
            value       TEXT NOT NULL,
            updated_at  TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE index_state (
            name        TEXT PRIMARY KEY,
            generation  BIGINT NOT NULL
        );
        INSERT INTO index_state (name, generation) VALUES ('passages', 1), ('vectors', 1);
        CREATE TABLE index_snapshots (
            name        TEXT PRIMARY KEY,
            generation  BIGINT NOT NULL,
            data        BYTEA NOT NULL
        );
        CREATE FUNCTION bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE index_state SET generation = generation + 1 WHERE name = TG_ARGV[0];
            PERFORM pg_notify('{GenerationChannel}', TG_ARGV[0]);
            RETURN NULL;
        END $$;
        CREATE TRIGGER passages_generation AFTER INSERT OR UPDATE OR DELETE ON passages
            FOR EACH STATEMENT EXECUTE FUNCTION bump_generation('passages');
        CREATE TRIGGER vectors_generation AFTER INSERT OR UPDATE OR DELETE ON passage_vectors
            FOR EACH STATEMENT EXECUTE FUNCTION bump_generation('vectors');
        CREATE TABLE update_claims (
            scope       TEXT NOT NULL,
            update_id   BIGINT NOT NULL,
            owner       TEXT NOT NULL,
            expires_at  TIMESTAMPTZ NOT NULL,
            done_at     TIMESTAMPTZ,
            PRIMARY KEY (scope, update_id)
        );
        """,
        // 2: the library folder each article came from (the SQLite store's schema 4), so `sources` shows it and a
        //    folder that is missing for a while keeps its articles.
        "ALTER TABLE articles ADD COLUMN folder TEXT NOT NULL DEFAULT '';",
        // 3: the library's folder list (folder keys, in the order added), one row shared by every replica: before,
        //    each machine kept its own data/library.json and a restart synced the shared index to its own list.
        """
        CREATE TABLE library (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            folders     TEXT[] NOT NULL,
            updated_at  TIMESTAMPTZ NOT NULL
        );
        """,
        // 4: every passage's token states for late-interaction re-ranking (the SQLite store's schema 6).
        """
        CREATE TABLE passage_token_states (
            passage_id  BIGINT PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
            model       TEXT NOT NULL,
            states      BYTEA NOT NULL
        );
        """,
    ];
}
