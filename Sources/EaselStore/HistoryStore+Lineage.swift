import EaselCore
import EaselImage
import Foundation
import GRDB

extension HistoryStore {
    /// Records what an edit or variation entry worked on: the operation, its parent entry, and
    /// each input (then the mask) in the order sent.
    public func recordLineage(entry: Int64, operation: ImageOperation, parent: Int64?, inputs: [InputImage], mask: InputImage?) throws {
        try write { db in
            try db.execute(sql: "UPDATE entry SET operation = ?, parent = ? WHERE id = ?", arguments: [operation.rawValue, parent, entry])
            try db.execute(sql: "DELETE FROM entry_input WHERE entry = ?", arguments: [entry])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO entry_input (entry, position, role, image, sha256, path, original, format, width, height, bytes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, input) in (inputs + [mask].compactMap { $0 }).enumerated() {
                try insert.execute(arguments: [
                    entry, position, input.role.rawValue, input.historyImage, input.sha256, input.kept ?? input.path, input.path,
                    input.format.rawValue, input.width, input.height, input.bytes,
                ])
            }
        }
    }

    /// The lineage of an entry: its operation, parent and inputs (nil when it has none).
    public func lineage(ofEntry entry: Int64) throws -> StoredLineage? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT operation, parent FROM entry WHERE id = ?", arguments: [entry]),
                let operation = (row["operation"] as String?).flatMap(ImageOperation.init(rawValue:))
            else { return nil }
            let inputs = try Row.fetchAll(db, sql: "SELECT * FROM entry_input WHERE entry = ? ORDER BY position", arguments: [entry]).map { row in
                let format: String = row["format"]
                let role: String = row["role"]
                return InputImage(
                    role: InputImage.Role(rawValue: role) ?? .image, path: row["original"] ?? row["path"], historyImage: row["image"],
                    sha256: row["sha256"], format: ImageFormat(rawValue: format) ?? .png, width: row["width"], height: row["height"],
                    bytes: row["bytes"], hasAlpha: role == "mask", kept: row["path"])
            }
            return StoredLineage(operation: operation, parent: row["parent"], inputs: inputs.filter { $0.role == .image }, mask: inputs.first { $0.role == .mask })
        }
    }

    /// A history image by its id: its file and the entry it belongs to.
    public func image(id: Int64) throws -> (path: String?, entry: Int64)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT path, entry FROM image WHERE rowid = ?", arguments: [id]).map { ($0["path"], $0["entry"]) }
        }
    }

    /// The prompt a history image was made from: its entry's, or the nearest request's before it
    /// in the thread; nil when the image or a prompt is not found.
    public func prompt(ofImage id: Int64) throws -> (prompt: String, negative: String)? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT e.prompt, e.negative_prompt FROM image i JOIN entry r ON r.id = i.entry
                JOIN entry e ON e.thread = r.thread AND e.position <= r.position
                WHERE i.rowid = ? AND e.prompt != '' ORDER BY e.position DESC LIMIT 1
                """, arguments: [id]).map { ($0["prompt"], $0["negative_prompt"]) }
        }
    }

    /// The history image saved at `path`, if one was: its id and entry.
    public func image(atPath path: String) throws -> (id: Int64, entry: Int64)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT rowid AS id, entry FROM image WHERE path = ? ORDER BY rowid DESC LIMIT 1", arguments: [path])
                .map { ($0["id"], $0["entry"]) }
        }
    }
}
