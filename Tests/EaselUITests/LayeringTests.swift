import Foundation
import Testing

/// The studio core's layers, checked from the sources: views read the state and the derived
/// layer and never call into the reducer; the reducer and the derived layer never reach a view.
struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EaselUI")

    func sources(_ folder: String) throws -> [(String, String)] {
        let directory = Self.root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Lines that use `names` as code (comments are left out).
    func uses(_ text: String, _ names: [String]) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            let code = line.components(separatedBy: "//").first ?? ""
            return names.contains { name in code.range(of: "\\b\(name)\\b", options: .regularExpression) != nil }
        }
    }

    @Test("views never call into the reducer")
    func viewsDoNotReduce() throws {
        let found = try sources("Render").flatMap { file, text in uses(text, ["Reducer"]).map { "\(file): \($0)" } }
        #expect(found.isEmpty, "\(found)")
    }

    @Test("the reducer and the derived layer never reach a view")
    func reducerDoesNotRender() throws {
        let views = ["Renderer", "HelpOverlay", "ComposeView", "ProgressView", "HistoryView", "ChromeView", "ViewerView", "MaskView", "PictureView"]
        let found = try (sources("Reduce") + sources("Derive")).flatMap { file, text in uses(text, views).map { "\(file): \($0)" } }
        #expect(found.isEmpty, "\(found)")
        #expect(try sources("Render").count > 5 && sources("Reduce").count > 5, "the folders were not found")
    }
}
