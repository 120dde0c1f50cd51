import GRDB

/// The history's tables, indexes, full-text index and triggers, as versioned migrations.
///
/// A shipped migration is never edited: a change is a new one (`v3`, …) appended here, so every
/// file ever written can be brought forward.
enum HistorySchema {
    /// Written to the file header (`PRAGMA application_id`, "EASL") so another program's SQLite
    /// file is recognised before any migration touches it.
    static let applicationID: Int32 = 0x4541_534C

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2", migrate: createVersion2)
        migrator.registerMigration("v3", migrate: createVersion3)
        migrator.registerMigration("v4", migrate: createVersion4)
        migrator.registerMigration("v5", migrate: createVersion5)
        migrator.registerMigration("v6", migrate: createVersion6)
        migrator.registerMigration("v7", migrate: createVersion7)
        migrator.registerMigration("v8", migrate: createVersion8)
        migrator.registerMigration("v9", migrate: createVersion9)
        // v10 is the edit lineage (its branch was cut before v9 and v11 were merged); GRDB
        // applies every unapplied migration in this order, so files with v11 get v10 after it.
        migrator.registerMigration("v10", migrate: createVersion10)
        migrator.registerMigration("v11", migrate: createVersion11)
        migrator.registerMigration("v12", migrate: createVersion12)
        migrator.registerMigration("v13", migrate: createVersion13)
        migrator.registerMigration("v14", migrate: createVersion14)
        migrator.registerMigration("v15", migrate: createVersion15)
        migrator.registerMigration("v16", migrate: createVersion16)
        migrator.registerMigration("v17", migrate: createVersion17)
        return migrator
    }

    // Times are integer milliseconds since 1970 (UTC): compact, sortable, exact in range filters.
    // Counts and the credit sum of a thread live in its row and are kept by triggers, so the
    // thread list is one indexed scan at any size, and no write path (a future bench bulk insert,
    // a cascade delete) can forget them. The full-text index is kept by triggers for the same
    // reason; the prompt text it indexes is computed in Swift, where the positive/negative split
    // of `GenerationRequest` lives, and stored in plain columns the triggers copy.
    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            CREATE TABLE thread (
                id INTEGER PRIMARY KEY,
                provider TEXT NOT NULL,
                guid TEXT,
                local_uuid TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL DEFAULT '',
                model TEXT NOT NULL DEFAULT '',
                created INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                entry_count INTEGER NOT NULL DEFAULT 0,
                image_count INTEGER NOT NULL DEFAULT 0,
                credits REAL NOT NULL DEFAULT 0,
                UNIQUE (provider, guid)
            );
            CREATE INDEX thread_by_updated ON thread (updated, id);
            CREATE INDEX thread_by_provider ON thread (provider, updated, id);
            CREATE INDEX thread_by_model ON thread (model, updated, id);

            CREATE TABLE entry (
                id INTEGER PRIMARY KEY,
                thread INTEGER NOT NULL REFERENCES thread (id) ON DELETE CASCADE,
                guid TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('request', 'response')),
                position INTEGER NOT NULL,
                request TEXT,
                prompt TEXT NOT NULL DEFAULT '',
                negative_prompt TEXT NOT NULL DEFAULT '',
                raw_json TEXT,
                waiting_response INTEGER NOT NULL DEFAULT 0,
                error TEXT,
                credits REAL,
                usage TEXT,
                revised_prompt TEXT,
                created INTEGER NOT NULL,
                UNIQUE (thread, guid),
                UNIQUE (thread, position)
            );

            CREATE TABLE image (
                entry INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                thread INTEGER NOT NULL,
                url TEXT,
                thumbnail_url TEXT,
                path TEXT,
                format TEXT,
                width INTEGER NOT NULL DEFAULT 0,
                height INTEGER NOT NULL DEFAULT 0,
                bytes INTEGER NOT NULL DEFAULT 0,
                sha256 TEXT,
                PRIMARY KEY (entry, position)
            );

            CREATE TABLE job (
                id INTEGER PRIMARY KEY,
                provider TEXT NOT NULL,
                model TEXT NOT NULL,
                request TEXT NOT NULL,
                base_url TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN
                    ('queued', 'sending', 'waiting', 'downloading', 'done', 'failed', 'outcome_unknown', 'cancelled')),
                thread_guid TEXT,
                entry_guid TEXT,
                error TEXT,
                created INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                finished INTEGER
            );
            CREATE INDEX job_by_state ON job (state, id);

            -- Entry rows use the entry id as rowid, thread-title rows the negated thread id, so
            -- one ranked query covers both and the sign tells them apart.
            CREATE VIRTUAL TABLE search_text USING fts5 (
                prompt, negative_prompt, revised_prompt, title, thread UNINDEXED,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
            );
            """)
        try createVersion1Triggers(db)
    }

    private static func createVersion1Triggers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER thread_inserted AFTER INSERT ON thread BEGIN
                INSERT INTO search_text (rowid, title, thread) VALUES (-NEW.id, NEW.title, NEW.id);
            END;
            CREATE TRIGGER thread_retitled AFTER UPDATE OF title ON thread
            WHEN OLD.title IS NOT NEW.title BEGIN
                DELETE FROM search_text WHERE rowid = -OLD.id;
                INSERT INTO search_text (rowid, title, thread) VALUES (-NEW.id, NEW.title, NEW.id);
            END;
            CREATE TRIGGER thread_deleted AFTER DELETE ON thread BEGIN
                DELETE FROM search_text WHERE rowid = -OLD.id;
            END;

            CREATE TRIGGER entry_inserted AFTER INSERT ON entry BEGIN
                UPDATE thread SET
                    entry_count = entry_count + 1,
                    credits = credits + coalesce(NEW.credits, 0),
                    updated = max(updated, NEW.created)
                WHERE id = NEW.thread;
                INSERT INTO search_text (rowid, prompt, negative_prompt, revised_prompt, thread)
                VALUES (NEW.id, NEW.prompt, NEW.negative_prompt, coalesce(NEW.revised_prompt, ''), NEW.thread);
            END;
            CREATE TRIGGER entry_recredited AFTER UPDATE OF credits ON entry
            WHEN OLD.credits IS NOT NEW.credits BEGIN
                UPDATE thread SET credits = credits - coalesce(OLD.credits, 0) + coalesce(NEW.credits, 0)
                WHERE id = NEW.thread;
            END;
            CREATE TRIGGER entry_reworded AFTER UPDATE OF prompt, negative_prompt, revised_prompt ON entry
            WHEN OLD.prompt IS NOT NEW.prompt OR OLD.negative_prompt IS NOT NEW.negative_prompt
                OR OLD.revised_prompt IS NOT NEW.revised_prompt BEGIN
                DELETE FROM search_text WHERE rowid = OLD.id;
                INSERT INTO search_text (rowid, prompt, negative_prompt, revised_prompt, thread)
                VALUES (NEW.id, NEW.prompt, NEW.negative_prompt, coalesce(NEW.revised_prompt, ''), NEW.thread);
            END;
            CREATE TRIGGER entry_deleted AFTER DELETE ON entry BEGIN
                UPDATE thread SET entry_count = entry_count - 1, credits = credits - coalesce(OLD.credits, 0)
                WHERE id = OLD.thread;
                DELETE FROM search_text WHERE rowid = OLD.id;
            END;

            CREATE TRIGGER image_inserted AFTER INSERT ON image BEGIN
                UPDATE thread SET image_count = image_count + 1 WHERE id = NEW.thread;
            END;
            CREATE TRIGGER image_deleted AFTER DELETE ON image BEGIN
                UPDATE thread SET image_count = image_count - 1 WHERE id = OLD.thread;
            END;
            """)
    }

    /// Finding the entry behind a file on disk (`easel show FILE`) without scanning every image.
    private static func createVersion2(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX image_by_path ON image (path)")
    }

    /// Which process runs each job, so a second Easel on the same history leaves a live job
    /// alone and only takes over jobs whose process is gone.
    private static func createVersion3(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job ADD COLUMN owner TEXT")
    }

    /// A provider's task (Ace Data Cloud's task mode): Easel's trace id, written before the
    /// request is sent, finds the task again after a crash; the task id follows from the reply.
    private static func createVersion4(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE job ADD COLUMN trace_id TEXT;
            ALTER TABLE job ADD COLUMN task_id TEXT;
            CREATE INDEX job_by_trace ON job (trace_id) WHERE trace_id IS NOT NULL;
            """)
    }

    /// Server threads deleted here, so a sync does not bring them back.
    private static func createVersion5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE deleted_thread (
                provider TEXT NOT NULL,
                guid TEXT NOT NULL,
                deleted INTEGER NOT NULL,
                PRIMARY KEY (provider, guid)
            ) WITHOUT ROWID;
            """)
    }

    /// What was composed, beside the request as sent (`entry.request`), when the two differ.
    private static func createVersion6(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE entry ADD COLUMN composed TEXT")
    }

    /// The server's reply to a job, kept before its images are saved (inline ones as files
    /// beside the database), so a failed save is finished later without asking again.
    private static func createVersion7(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job ADD COLUMN reply TEXT")
    }

    /// The studio's unsent composer (one row), kept across a quit and restored at the next start.
    /// `job.held`: a job waiting in the studio's queue for a local backend, journalled so it
    /// survives a restart, and never sent while held (migration names `v9` and `v10` belong to
    /// other changes; the order of registration is what counts).
    private static func createVersion11(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job ADD COLUMN held INTEGER NOT NULL DEFAULT 0")
    }

    /// An edit's or variation's operation, inputs, mask and parent, journalled with its job (as
    /// `JournalEdit` JSON) so a job finished after a restart keeps its lineage.
    private static func createVersion12(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job ADD COLUMN edit TEXT")
    }

    /// `job.stem`: the start of the names a job's image files get, chosen when it is journalled,
    /// so a job resumed after a kill saves under the same names and clears what the killed
    /// process left half-done (previews, an image saved but not yet in the history).
    private static func createVersion13(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job ADD COLUMN stem TEXT")
    }

    /// Prefix indexes for 2 to 5 letters (v1 had 2 and 3). Without one, a 4- or 5-letter prefix
    /// ("ligh"*) merges the postings of every word it starts in memory on each keystroke — the
    /// slow keys of search as you type (p99 22 ms at 100k threads). FTS5 cannot change `prefix`
    /// in place, so the index is copied into a new table that takes the old one's name; the
    /// triggers that write it are dropped around the swap and re-created as they were.
    private static func createVersion14(_ db: Database) throws {
        try rebuildSearchIndex(db, prefix: "2 3 4 5", copy: "search_text_v14")
    }

    /// Copies the full-text index into a new table declared with `prefix`, under the old one's
    /// name (FTS5 cannot change `prefix` in place); the triggers that write it are dropped around
    /// the swap and re-created as they were.
    private static func rebuildSearchIndex(_ db: Database, prefix: String, copy: String) throws {
        let triggers = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%search_text%' ORDER BY rowid")
        for trigger in triggers {
            let name: String = trigger["name"]
            try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
        }
        try db.execute(sql: """
            CREATE VIRTUAL TABLE \(copy) USING fts5 (
                prompt, negative_prompt, revised_prompt, title, thread UNINDEXED,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '\(prefix)'
            );
            INSERT INTO \(copy) (rowid, prompt, negative_prompt, revised_prompt, title, thread)
                SELECT rowid, prompt, negative_prompt, revised_prompt, title, thread FROM search_text ORDER BY rowid;
            DROP TABLE search_text;
            ALTER TABLE \(copy) RENAME TO search_text;
            INSERT INTO search_text (search_text) VALUES ('optimize');
            """)
        for trigger in triggers {
            let sql: String = trigger["sql"]
            try db.execute(sql: sql)
        }
    }

    /// `job.callback_secret`: an Ace task's per-job callback secret, written with its trace id
    /// before the request is sent, so the receiver of a resumed job still verifies its callback.
    private static func createVersion15(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job ADD COLUMN callback_secret TEXT")
    }

    /// `thread_by_provider_model`: the history browser's filters list each provider's models,
    /// which without it was a scan of every thread (104 ms at 100k threads, on the queue the
    /// next selection's entries wait in). With it each pair is one seek.
    private static func createVersion16(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX thread_by_provider_model ON thread (provider, model)")
    }

    /// Prefix indexes up to 8 letters (v14 had 2 to 5). A longer prefix than the index knows
    /// ("lighth"*) merges the postings of every word it starts in memory, twice per keystroke
    /// (the count that chooses the order, then the page): 4 ms at 100k threads against 0.8 ms
    /// with its own index, for 12 % more index and 16 % more indexing time. Words typed past
    /// 8 letters are nearly always narrow already, and cost what their few postings cost.
    private static func createVersion17(_ db: Database) throws {
        try rebuildSearchIndex(db, prefix: "2 3 4 5 6 7 8", copy: "search_text_v17")
    }

    private static func createVersion8(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE draft (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                request TEXT NOT NULL,
                updated INTEGER NOT NULL
            )
            """)
    }

    /// What each server offers for free-text settings (A1111's checkpoints, samplers,
    /// schedulers): one row per provider, base URL and setting, the values as a JSON array.
    private static func createVersion9(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE server_choice (
                provider TEXT NOT NULL,
                base_url TEXT NOT NULL,
                setting TEXT NOT NULL,
                choices TEXT NOT NULL,
                fetched_at INTEGER NOT NULL,
                PRIMARY KEY (provider, base_url, setting)
            )
            """)
    }

    /// The lineage of edits and variations: what an entry did (`operation`), the entry its first
    /// input came from (`parent`), and each input and mask — the history image it was picked by
    /// when known, the SHA-256 of its bytes and Easel's content-addressed copy — so an image's
    /// ancestry survives the originals being moved or deleted.
    private static func createVersion10(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE entry ADD COLUMN operation TEXT;
            ALTER TABLE entry ADD COLUMN parent INTEGER REFERENCES entry (id) ON DELETE SET NULL;
            CREATE INDEX entry_by_parent ON entry (parent) WHERE parent IS NOT NULL;
            CREATE TABLE entry_input (
                entry INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('image', 'mask')),
                image INTEGER,
                sha256 TEXT NOT NULL,
                path TEXT NOT NULL,
                original TEXT,
                format TEXT NOT NULL,
                width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                PRIMARY KEY (entry, position)
            );
            CREATE INDEX entry_input_by_hash ON entry_input (sha256);
            """)
    }
}
