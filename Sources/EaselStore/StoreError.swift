import Foundation
import GRDB

/// Why the history store could not do what was asked, in one line fit for a user.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The folder or file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The file is readable but holds something other than an Easel history.
    case notAHistory(path: String, reason: String)
    /// SQLite found damaged pages or a broken schema.
    case corrupt(path: String, reason: String)
    /// The file was migrated by a newer Easel whose schema this build does not know.
    case newerSchema(path: String, unknown: [String])
    /// Another connection held the write lock for longer than the busy timeout.
    case locked(seconds: Double)
    /// The disk (or the quota) is full.
    case diskFull(path: String)
    /// The file or its folder is read-only.
    case readOnly(path: String)
    case noSuchJob(Int64)
    case noSuchThread(Int64)
    case noSuchEntry(Int64)
    /// `finishJob` was given a state that is not final, or `updateJob` one that is.
    case wrongJobState(JournalState, expectedFinal: Bool)
    /// The export's destination refused a line.
    case exportFailed(String)
    /// Any other SQLite failure, with SQLite's own message.
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the history database at \(path): \(reason)"
        case .notAHistory(let path, let reason):
            "the history database at \(path) is not an Easel history (\(reason))"
        case .corrupt(let path, let reason):
            "the history database at \(path) is damaged (\(reason)); move it aside and Easel will start a new one"
        case .newerSchema(let path, let unknown):
            "the history database at \(path) was written by a newer Easel (schema \(unknown.joined(separator: ", "))); update Easel to open it"
        case .locked(let seconds):
            "the history database is locked by another process for more than \(Self.seconds(seconds)) s"
        case .diskFull(let path):
            "the disk holding the history database at \(path) is full"
        case .readOnly(let path):
            "the history database at \(path) is read-only"
        case .noSuchJob(let id):
            "there is no job \(id) in the journal"
        case .noSuchThread(let id):
            "there is no thread \(id) in the history"
        case .noSuchEntry(let id):
            "there is no entry \(id) in the history"
        case .wrongJobState(let state, let expectedFinal):
            expectedFinal
                ? "a job can only be finished as done, failed, outcome_unknown or cancelled, not \(state.rawValue)"
                : "a job cannot move to \(state.rawValue) without being finished"
        case .exportFailed(let reason):
            "cannot write the history export: \(reason)"
        case .database(let message):
            "the history database failed: \(message)"
        }
    }

    /// Maps whatever GRDB or Foundation threw to a store error; store errors pass through.
    static func wrapping(_ error: any Error, path: String, busyTimeout: Double) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .database(oneLine(String(describing: error))) }
        let message = oneLine(error.message ?? "\(error.resultCode)")
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(seconds: busyTimeout)
        case .SQLITE_NOTADB: return .notAHistory(path: path, reason: "not an SQLite database")
        case .SQLITE_CORRUPT: return .corrupt(path: path, reason: message)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path, reason: message)
        default: return .database(message)
        }
    }

    /// SQLite messages sometimes quote SQL across lines; a user's error stays on one.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
