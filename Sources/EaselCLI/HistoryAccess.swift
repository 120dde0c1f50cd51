import EaselCore
import EaselSandbox
import EaselStore
import Foundation
import Logging

/// What the `threads` and `history` commands share: the history database, and for the
/// commands that talk to ai-client, its endpoint from the configuration.
struct HistoryAccess {
    let paths: EaselPaths
    let config: EaselConfig

    static func load() throws -> HistoryAccess {
        let setup = try CommandSetup.load()
        return HistoryAccess(paths: setup.paths, config: setup.config)
    }

    /// Opens the history (creating it if there is none yet).
    func store() throws -> HistoryStore {
        do {
            return try HistoryStore.open(at: paths.historyFile)
        } catch {
            throw CLIFailure(message: "\(error)", code: .failure)
        }
    }

    /// The ai-client endpoint and a sender for it; refuses without a token.
    func aiClient() throws -> (baseURL: String, token: String, stack: ClientStack) {
        let settings = config.providers[.aiClient]
        guard let credential = settings?.credential else {
            throw CLIFailure(message: "syncing ai-client threads needs a token: set AICLIENT_TOKEN or add it to the config file", code: .invalid)
        }
        let base = settings?.baseURL ?? Catalog.bundled.provider(.aiClient)?.defaultBaseURL ?? ""
        return (base, credential.secret, ClientStack(config: config, paths: paths, logLabel: "easel.sync"))
    }

    /// Finds a thread by row id or server guid.
    func thread(_ key: String, in store: HistoryStore) throws -> ThreadSummary {
        let found: ThreadSummary?
        if let id = Int64(key) {
            found = try? store.thread(id)
        } else {
            found = (try? store.threadID(provider: .aiClient, guid: key)).flatMap { $0 }.flatMap { try? store.thread($0) }
        }
        guard let found else { throw CLIFailure(message: "no thread \(key) in the history (see `easel threads list`)", code: .invalid) }
        return found
    }

    /// JSON text of an encodable value, keys sorted.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return JSONText.escapingInvisibles((try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
    }
}
