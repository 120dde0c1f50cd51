import EaselCore
import Foundation
import Testing

/// The config's `[keys]` tables are read in file order with where each line is; their names
/// are the studio's to judge, their shape is the config's.
struct KeyRebindingConfigTests {
    func load(_ text: String) throws -> (EaselConfig, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-keys-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        return (try EaselConfig.load(paths: paths, environment: [:]), paths.configFile.path)
    }

    @Test("lines are kept in the order written, each with file:line:column")
    func linesInOrder() throws {
        let (config, path) = try load("theme = \"dusk\"\n[keys.history]\n\"C-r\" = \"remix\"\n  r = \"none\"\n[keys.global]\nF2 = \"quit\"\n")
        #expect(config.keyBindings == [
            KeyRebinding(context: "history", key: "C-r", command: "remix", place: "\(path):3:1"),
            KeyRebinding(context: "history", key: "r", command: "none", place: "\(path):4:3"),
            KeyRebinding(context: "global", key: "F2", command: "quit", place: "\(path):6:1"),
        ])
    }

    @Test("a value that is not a string, or a table that is not a table, is refused where it is written")
    func shapes() throws {
        do {
            _ = try load("[keys.viewer]\nq = 3\n")
            Issue.record("a number was accepted as a command")
        } catch let error as ConfigError {
            #expect(error.description.hasSuffix(":2:1: keys.viewer.q: must be a command's name as a string, or \"none\""))
        }
        do {
            _ = try load("[keys]\nviewer = \"quit\"\n")
            Issue.record("a string was accepted as a table")
        } catch let error as ConfigError {
            #expect(error.description.contains(":2:1: keys.viewer: must be a table"))
        }
        #expect(throws: ConfigError.self) { try load("keys = 1\n") }
    }
}
