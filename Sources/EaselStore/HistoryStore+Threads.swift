import EaselCore
import EaselImage
import Foundation
import GRDB

extension HistoryStore {
    /// Mirrors a server thread and returns its row id. Calling it again for the same guid keeps
    /// the row, refreshes the model, takes a non-nil title, and moves `updated` forward only.
    public func upsertThread(
        provider: ProviderID, guid: String, title: String? = nil, model: String, created: Date, updated: Date? = nil
    ) throws -> Int64 {
        let created = created.storeMilliseconds
        let arguments: StatementArguments = [
            "provider": provider.rawValue, "guid": guid, "uuid": UUID().uuidString.lowercased(), "title": title,
            "model": model, "created": created, "updated": updated?.storeMilliseconds ?? created,
        ]
        return try write { db in
            // Recording a thread again (a new job in it, an import by guid) undoes its deletion.
            try db.execute(
                sql: "DELETE FROM deleted_thread WHERE provider = ? AND guid = ?", arguments: [provider.rawValue, guid])
            return try Int64.fetchOne(
                db.cachedStatement(sql: """
                    INSERT INTO thread (provider, guid, local_uuid, title, model, created, updated)
                    VALUES (:provider, :guid, :uuid, coalesce(:title, ''), :model, :created, :updated)
                    ON CONFLICT (provider, guid) DO UPDATE SET
                        title = CASE WHEN :title IS NULL THEN thread.title ELSE excluded.title END,
                        model = excluded.model,
                        updated = max(thread.updated, excluded.updated)
                    RETURNING id
                    """),
                arguments: arguments) ?? 0
        }
    }

    /// Creates a thread that exists only here, for providers whose API has no threads.
    public func localThread(provider: ProviderID, title: String = "", model: String) throws -> Int64 {
        let now = nowMilliseconds
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO thread (provider, guid, local_uuid, title, model, created, updated)
                    VALUES (?, NULL, ?, ?, ?, ?, ?)
                    """,
                arguments: [provider.rawValue, UUID().uuidString.lowercased(), title, model, now, now])
            return db.lastInsertedRowID
        }
    }

    /// Records an entry at the end of a thread and returns its row id. With a guid it is an
    /// upsert: a later poll of the same entry updates it in place, keeping its position; values
    /// passed as nil then keep what is stored, except `waiting` and `error`, which are always the
    /// server's latest word. `rawJSON` is kept exactly as given.
    public func recordEntry(
        thread: Int64, guid: String? = nil, kind: EntryKind, request: GenerationRequest? = nil, composed: GenerationRequest? = nil,
        rawJSON: String? = nil, waiting: Bool = false, error: String? = nil, credits: Double? = nil,
        usage: JSONValue? = nil, revisedPrompt: String? = nil, created: Date? = nil
    ) throws -> Int64 {
        let arguments: StatementArguments = [
            "thread": thread, "guid": guid, "kind": kind.rawValue,
            "request": request.map(RequestRecord.json), "composed": composed.map(RequestRecord.json),
            "prompt": request?.positiveParts.map(\.text).joined(separator: ", "),
            "negative": request?.negativeParts.map(\.text).joined(separator: ", "),
            "raw": rawJSON, "waiting": waiting, "error": error, "credits": credits,
            "usage": usage?.jsonText, "revised": revisedPrompt,
            "created": created?.storeMilliseconds ?? nowMilliseconds,
        ]
        return try write { db in
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM thread WHERE id = ?"), arguments: [thread]) == true else {
                throw StoreError.noSuchThread(thread)
            }
            return try Int64.fetchOne(
                db.cachedStatement(sql: """
                    INSERT INTO entry (thread, guid, kind, position, request, composed, prompt, negative_prompt, raw_json,
                        waiting_response, error, credits, usage, revised_prompt, created)
                    VALUES (:thread, :guid, :kind,
                        coalesce((SELECT max(position) FROM entry WHERE thread = :thread), -1) + 1,
                        :request, :composed, coalesce(:prompt, ''), coalesce(:negative, ''), :raw,
                        :waiting, :error, :credits, :usage, :revised, :created)
                    ON CONFLICT (thread, guid) DO UPDATE SET
                        request = coalesce(excluded.request, entry.request),
                        composed = coalesce(excluded.composed, entry.composed),
                        prompt = CASE WHEN :request IS NULL THEN entry.prompt ELSE excluded.prompt END,
                        negative_prompt = CASE WHEN :request IS NULL THEN entry.negative_prompt
                            ELSE excluded.negative_prompt END,
                        raw_json = coalesce(excluded.raw_json, entry.raw_json),
                        waiting_response = excluded.waiting_response,
                        error = excluded.error,
                        credits = coalesce(excluded.credits, entry.credits),
                        usage = coalesce(excluded.usage, entry.usage),
                        revised_prompt = coalesce(excluded.revised_prompt, entry.revised_prompt)
                    RETURNING id
                    """),
                arguments: arguments) ?? 0
        }
    }

    /// Sets the images of an entry, replacing any recorded before (so a retried download is
    /// harmless). `contentHashes` maps an image's path to the SHA-256 hex digest of its bytes.
    public func recordImages(entry: Int64, images: [SavedImage], contentHashes: [String: String] = [:]) throws {
        try write { db in
            guard let thread = try Int64.fetchOne(db.cachedStatement(sql: "SELECT thread FROM entry WHERE id = ?"), arguments: [entry]) else {
                throw StoreError.noSuchEntry(entry)
            }
            try db.execute(sql: "DELETE FROM image WHERE entry = ?", arguments: [entry])
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO image (entry, position, thread, url, thumbnail_url, path, format, width, height, bytes, sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (position, image) in images.enumerated() {
                try insert.execute(arguments: [
                    entry, position, thread, image.url, image.thumbnailURL, image.path.isEmpty ? nil : image.path,
                    image.format.rawValue, image.width, image.height, image.bytes, contentHashes[image.path],
                ])
            }
        }
    }

    /// Records the images a server lists for an entry (URLs, no files yet), by position. An image
    /// already downloaded keeps its path, format, measured size and hash: only the URLs change.
    public func recordRemoteImages(entry: Int64, images: [AIClientImage]) throws {
        try write { db in
            guard let thread = try Int64.fetchOne(db.cachedStatement(sql: "SELECT thread FROM entry WHERE id = ?"), arguments: [entry]) else {
                throw StoreError.noSuchEntry(entry)
            }
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO image (entry, position, thread, url, thumbnail_url, width, height, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (entry, position) DO UPDATE SET
                        url = excluded.url,
                        thumbnail_url = coalesce(excluded.thumbnail_url, image.thumbnail_url),
                        width = CASE WHEN image.path IS NULL THEN excluded.width ELSE image.width END,
                        height = CASE WHEN image.path IS NULL THEN excluded.height ELSE image.height END,
                        bytes = CASE WHEN image.path IS NULL THEN excluded.bytes ELSE image.bytes END
                    """)
            for (position, image) in images.enumerated() {
                try upsert.execute(arguments: [
                    entry, position, thread, image.url, image.thumbnailURL, image.dimensions?.width ?? 0,
                    image.dimensions?.height ?? 0, image.filesize ?? 0,
                ])
            }
        }
    }

    /// Gives a thread a new title (here only; the server keeps its own).
    public func renameThread(_ id: Int64, title: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE thread SET title = ? WHERE id = ?", arguments: [title, id])
            if db.changesCount == 0 { throw StoreError.noSuchThread(id) }
        }
    }

    /// Removes a thread with its entries, images rows and search text from this history. The
    /// server's copy and the image files on disk are left alone; a server thread is remembered as
    /// deleted, so a sync does not bring it back (importing it by guid does).
    public func deleteThread(_ id: Int64) throws {
        try write { db in
            // A server thread is remembered as deleted, so a sync leaves it out.
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO deleted_thread (provider, guid, deleted)
                    SELECT provider, guid, ? FROM thread WHERE id = ? AND guid IS NOT NULL
                    """,
                arguments: [nowMilliseconds, id])
            try db.execute(sql: "DELETE FROM thread WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.noSuchThread(id) }
        }
    }
}
