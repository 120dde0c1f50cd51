import ArgumentParser
import EaselStore
import Foundation

/// `easel history export`: everything in the history, one JSON object per thread.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Export the local history.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every thread with its entries and images (by local path), one JSON object per line.")

        @Option(help: "Only jsonl for now.") var format: String = "jsonl"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func validate() throws {
            guard format == "jsonl" else { throw ValidationError("--format \(format): only jsonl is supported") }
        }

        func run() async throws {
            let store = try HistoryAccess.load().store()
            let handle: FileHandle
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil, attributes: [.posixPermissions: 0o600]),
                    let opened = FileHandle(forWritingAtPath: out)
                else { throw CLIFailure(message: "cannot write \(out)", code: 1) }
                handle = opened
            } else {
                handle = FileHandle.standardOutput
            }
            let count = try store.exportJSONL(to: handle)
            if out != nil { try? handle.close() }
            FileHandle.standardError.write(Data("easel: exported \(count) thread\(count == 1 ? "" : "s")\n".utf8))
        }
    }
}
