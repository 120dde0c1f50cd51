import ArgumentParser
import EaselCore
import EaselStore
import Foundation

/// `easel history export`: everything in the history, one JSON object per thread.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Export the local history, or add up what it cost.", subcommands: [Export.self, Costs.self])

    struct Costs: AsyncParsableCommand, JSONReporting {
        static let configuration = CommandConfiguration(
            commandName: "costs",
            abstract: "What the servers reported spending (credits, tokens), per provider and per day.")

        @Option(help: "How many days back the per-day lines go.") var days: Int = 30
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard (1...3650).contains(days) else { throw CLIFailure(message: "--days must be between 1 and 3650", code: .invalid) }
            let totals = try HistoryAccess.load().store().costTotals(days: days)
            if json {
                func object(_ total: CostTotal) -> [String: Any] {
                    var object: [String: Any] = ["provider": total.provider, "credits": total.credits, "tokens": total.tokens,
                                                 "responses": total.responses, "images": total.images]
                    if let day = total.day { object["day"] = day }
                    return object
                }
                let document: [String: Any] = ["by_provider": totals.byProvider.map(object), "by_day": totals.byDay.map(object)]
                let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
                print(JSONText.escapingInvisibles(String(decoding: data, as: UTF8.self)))
                return
            }
            func line(_ total: CostTotal) -> String {
                var parts: [String] = []
                if total.credits > 0 { parts.append("\(CostEstimate.number(total.credits)) credits") }
                if total.tokens > 0 { parts.append(Counted.phrase(total.tokens, "token")) }
                parts.append("\(Counted.phrase(total.images, "image")) in \(Counted.phrase(total.responses, "response"))")
                return TerminalText.oneLine(total.provider, limit: 60) + ": " + parts.joined(separator: ", ")
            }
            if totals.byProvider.isEmpty { print("nothing reported yet") }
            for total in totals.byProvider { print(line(total)) }
            if !totals.byDay.isEmpty { print("\nlast \(days) days:") }
            for total in totals.byDay { print((total.day ?? "") + "  " + line(total)) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Every thread with its entries and images (by local path), one JSON object per line.")

        @Option(help: "Only jsonl for now.", completion: .list(["jsonl"])) var format: String = "jsonl"
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
                else { throw CLIFailure(message: "cannot write \(out)", code: .failure) }
                handle = opened
            } else {
                handle = FileHandle.standardOutput
            }
            let count = try store.exportJSONL(to: handle)
            if out != nil { try? handle.close() }
            FileHandle.standardError.write(Data("easel: exported \(Counted.phrase(count, "thread"))\n".utf8))
        }
    }
}
