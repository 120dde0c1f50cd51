import EaselCore
import Foundation
import Testing

/// The exit codes scripts rely on: the README's table and `ExitStatus` are the same list.
struct ExitStatusTests {
    @Test("the README's exit-code table lists exactly ExitStatus's codes below 128")
    func readmeTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### Exit codes").dropFirst().first)
        let codes = section.split(separator: "\n").prefix { !$0.hasPrefix("#") }.compactMap { line -> Int32? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return cells.first.flatMap { Int32($0) }
        }
        #expect(codes == ExitStatus.allCases.map(\.rawValue).filter { $0 < 128 })
    }

    @Test("each kind of generation failure ends with its documented code")
    func generationErrors() {
        #expect(GenerationError.configuration("x").exitCode == .invalid)
        #expect(GenerationError.network("x").exitCode == .network)
    }
}
