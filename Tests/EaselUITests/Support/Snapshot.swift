import EaselUI
import Foundation
import Testing

/// Compares a rendered frame with its stored snapshot (`Snapshots/NAME.txt`: the text rows, then
/// the style map). Set `EASEL_RECORD_SNAPSHOTS=1` to write snapshots instead; a missing
/// snapshot fails rather than being written silently.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The stored form of a frame.
    static func text(_ frame: Frame) -> String {
        var out = frame.grid.lines.map { "|" + $0 + "|" }.joined(separator: "\n")
        out += "\n--- style (legend: UIRole.styleMapLetter) ---\n"
        out += frame.grid.styleMap.joined(separator: "\n")
        if let cursor = frame.cursor { out += "\n--- cursor \(cursor.x),\(cursor.y) ---" }
        return out + "\n"
    }

    static func check(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = text(frame)
        if ProcessInfo.processInfo.environment["EASEL_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; run with EASEL_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let detail = firstDifference.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" } ?? "lengths differ"
            Issue.record("snapshot \(name) differs at \(detail)\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}
