import ArgumentParser
import EaselCore
import EaselStore
import Foundation

/// `easel threads`: the history of threads, browsed, searched and synced from the shell.
struct ThreadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threads",
        abstract: "List, show, search, sync and import threads in the local history.",
        subcommands: [List.self, Show.self, Search.self, Sync.self, Import.self],
        defaultSubcommand: List.self)

    /// `easel threads list`.
    struct List: AsyncParsableCommand, JSONReporting {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Threads, most recently updated first.")

        @Option(help: "Only this provider (ai-client, openai).") var provider: String?
        @Option(help: "Only this model.") var model: String?
        @Option(help: "How many threads.") var limit: Int = 50
        @Flag(help: "One JSON object per thread.") var json = false

        func run() async throws {
            let access = try HistoryAccess.load()
            let store = try access.store()
            let filter = ThreadFilter(provider: provider.map { ProviderID(rawValue: $0) }, model: model)
            let threads = try store.threads(matching: filter, limit: max(1, limit))
            if json {
                for thread in threads { print(HistoryAccess.json(ThreadLine(thread))) }
                return
            }
            if threads.isEmpty { FileHandle.standardError.write(Data("easel: the history has no threads yet\n".utf8)) }
            for thread in threads {
                let title = TerminalText.oneLine(thread.title.isEmpty ? "(untitled)" : thread.title, limit: 60)
                let stamp = ThreadLine.day.string(from: thread.updated)
                print("\(thread.id)\t\(stamp)\t\(thread.provider)/\(thread.model)\t\(Counted.phrase(thread.entryCount, "entry"))\t\(Counted.phrase(thread.imageCount, "image"))\t\(ThreadLine.credits(thread.credits))\t\(title)")
            }
        }
    }

    /// `easel threads show`.
    struct Show: AsyncParsableCommand, JSONReporting {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A thread's entries: prompts, settings and images.")

        @Argument(help: "The thread's number (from `list`) or its server guid.") var thread: String
        @Flag(help: "One JSON object.") var json = false

        func run() async throws {
            let access = try HistoryAccess.load()
            let store = try access.store()
            let summary = try access.thread(thread, in: store)
            let entries = try store.entries(ofThread: summary.id)
            if json {
                print(HistoryAccess.json(ThreadDetail(summary, entries: entries)))
                return
            }
            print("\(summary.id) \(summary.provider)/\(summary.model) \(TerminalText.oneLine(summary.title))")
            if let guid = summary.guid { print("guid \(guid)") }
            for entry in entries {
                print(EntryText.describe(entry))
            }
        }
    }

    /// `easel threads search`.
    struct Search: AsyncParsableCommand, JSONReporting {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search over prompts, negative and revised prompts and titles.")

        @Argument(help: "Words to find (each as a prefix).") var query: [String]
        @Option(help: "How many results.") var limit: Int = 50
        @Flag(help: "One JSON object per result.") var json = false

        func run() async throws {
            let store = try HistoryAccess.load().store()
            let hits = try store.search(query.joined(separator: " "), limit: max(1, limit))
            for hit in hits {
                let plain = hit.snippet.replacingOccurrences(of: SearchHit.highlightStart, with: "[")
                    .replacingOccurrences(of: SearchHit.highlightEnd, with: "]")
                if json {
                    print(HistoryAccess.json(["thread": "\(hit.thread)", "entry": hit.entry.map(String.init) ?? "", "snippet": plain]))
                } else {
                    print("\(hit.thread)\t\(hit.entry.map { "entry \($0)" } ?? "title")\t\(TerminalText.oneLine(plain, limit: 200))")
                }
            }
            if hits.isEmpty, !json { FileHandle.standardError.write(Data("easel: nothing matches\n".utf8)) }
        }
    }

    /// `easel threads sync`.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Mirror ai-client threads (the server's thread list when it has one, else the threads already known), or import a ComfyUI server's past prompts (--provider comfyui).")

        @Option(help: "Requests at once.") var concurrency: Int = 8

        @Option(help: "ai-client (default), or comfyui: import the ComfyUI server's /history.") var provider: String?

        func run() async throws {
            let access = try HistoryAccess.load()
            let store = try access.store()
            switch provider.map({ ProviderID(rawValue: $0) }) {
            case nil, .aiClient?: break
            case .comfyUI?:
                try await ComfyUIHistoryImport.run(access: access, store: store)
                return
            case let other?:
                throw CLIFailure(message: "--provider \(TerminalText.oneLine(other.rawValue, limit: 60)): only ai-client and comfyui have a history to sync", code: .invalid)
            }
            let endpoint = try access.aiClient()
            let errors = StandardError()
            let sync = ThreadSync(store: store, sender: endpoint.stack.sender, baseURL: endpoint.baseURL, token: endpoint.token, concurrency: max(1, min(64, concurrency)))
            let report = await sync.sync { progress in
                if errors.isTerminal {
                    errors.write("\r\u{1B}[2Ksyncing: \(progress.done)/\(progress.total) threads, \(Counted.phrase(progress.requests, "request"))")
                }
            }
            if errors.isTerminal { errors.write("\n") }
            await endpoint.stack.shutdown()
            let list = report.listAvailable ? "thread list" : "no thread list on the server; synced the threads already known"
            let deleted = report.deletedHere > 0 ? ", \(report.deletedHere) deleted here, skipped" : ""
            print("synced \(Counted.phrase(report.fetched, "thread")) (\(report.discovered) new, \(report.unchanged) unchanged\(deleted)) with \(Counted.phrase(report.requests, "request")); \(list)")
            for failure in report.failures { errors.line("easel: \(TerminalText.oneLine(failure))") }
            if !report.failures.isEmpty { throw ExitCode(ExitStatus.network.rawValue) }
        }
    }

    /// `easel threads import`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Add a thread made elsewhere, by its guid, and fetch its entries.")

        @Argument(help: "The thread's guid.") var guid: String

        func run() async throws {
            let access = try HistoryAccess.load()
            let store = try access.store()
            let endpoint = try access.aiClient()
            let sync = ThreadSync(store: store, sender: endpoint.stack.sender, baseURL: endpoint.baseURL, token: endpoint.token)
            let failure = await sync.importThread(guid)
            await endpoint.stack.shutdown()
            if let failure { throw CLIFailure(message: "could not import \(guid): \(failure)", code: .network) }
            let summary = try access.thread(guid, in: store)
            print("imported \(summary.id): \(Counted.phrase(summary.entryCount, "entry")), \(Counted.phrase(summary.imageCount, "image")) — \(TerminalText.oneLine(summary.title))")
        }
    }
}
