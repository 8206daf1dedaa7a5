namespace ChatBot.Storage.Sqlite;

/// <summary>
/// The versioned schema. Each entry upgrades from the previous version; a database records the last one applied
/// in <c>PRAGMA user_version</c>. Never edit a released step: add a new one.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: articles, passages with an external-content FTS5 index kept in sync by triggers, dense vectors
        //    beside the passages, and small bot state.
        """
        CREATE TABLE articles (
            id            TEXT PRIMARY KEY,
            content_hash  TEXT NOT NULL,
            title         TEXT NOT NULL,
            publisher     TEXT,
            url           TEXT,
            published     TEXT,
            date_certain  INTEGER NOT NULL,
            date_basis    TEXT NOT NULL,
            body          TEXT NOT NULL,
            warnings      TEXT NOT NULL,
            ingested_at   TEXT NOT NULL
        );
        CREATE TABLE passages (
            id          INTEGER PRIMARY KEY,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ordinal     INTEGER NOT NULL,
            start       INTEGER NOT NULL,
            length      INTEGER NOT NULL,
            text        TEXT NOT NULL,
            UNIQUE (article_id, ordinal)
        );
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text, content = 'passages', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
            INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
            INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TABLE passage_vectors (
            passage_id  INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
            model       TEXT NOT NULL,
            dims        INTEGER NOT NULL,
            vector      BLOB NOT NULL
        );
        CREATE TABLE bot_state (
            key         TEXT PRIMARY KEY,
            value       TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        """,

        // 2: BM25 moves in memory (built from the passages, saved as a snapshot), so FTS5 goes. A generation counter,
        //    bumped by triggers on every passage write, tells any process whether its index or snapshot is stale.
        """
        DROP TRIGGER passages_fts_insert;
        DROP TRIGGER passages_fts_delete;
        DROP TABLE passages_fts;
        CREATE TABLE index_state (
            name        TEXT PRIMARY KEY,
            generation  INTEGER NOT NULL
        );
        INSERT INTO index_state (name, generation) VALUES ('passages', 1);
        """ + GenerationTriggers("passages", "passages") + """
        CREATE TABLE index_snapshots (
            name        TEXT PRIMARY KEY,
            generation  INTEGER NOT NULL,
            data        BLOB NOT NULL
        );
        """,

        // 3: file signatures (size + modification time) so a start-up need not read unchanged articles, and a
        //    generation for the vectors so every process notices new or removed vectors.
        """
        ALTER TABLE articles ADD COLUMN source_signature TEXT;
        INSERT INTO index_state (name, generation) VALUES ('vectors', 1);
        """ + GenerationTriggers("passage_vectors", "vectors"),

        // 4: the library folder each article came from, so `sources` can show it and a missing folder keeps its
        //    articles instead of losing them.
        """
        ALTER TABLE articles ADD COLUMN folder TEXT NOT NULL DEFAULT '';
        """,

        // 5: the library's folder list (a JSON array of folder keys, one row) moves from data/library.json into the
        //    database, so every process on the machine syncs against the same list.
        """
        CREATE TABLE library (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            folders     TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        """,

        // 6: every passage's token states (int8 rows with a scale each) for late-interaction re-ranking, under the
        //    vector set of the model that made them. Written before the passage's vector, so they add no generation.
        """
        CREATE TABLE passage_token_states (
            passage_id  INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
            model       TEXT NOT NULL,
            states      BLOB NOT NULL
        );
        """,
    ];

    /// <summary>Triggers that bump the <paramref name="counter"/> row of index_state on every write to <paramref name="table"/>.</summary>
    private static string GenerationTriggers(string table, string counter) => string.Concat(
        new[] { "INSERT", "UPDATE", "DELETE" }.Select(operation =>
            $"CREATE TRIGGER {counter}_generation_{operation.ToLowerInvariant()} AFTER {operation} ON {table} BEGIN " +
            $"UPDATE index_state SET generation = generation + 1 WHERE name = '{counter}'; END;\n"));
}
