import EaselCore
import Foundation
import Testing

/// A config path that is not a readable file says what it is instead.
struct ConfigFileProblemTests {
    func paths() throws -> EaselPaths {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-config-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        return paths
    }

    @Test func aDirectoryIsCalledADirectory() throws {
        let paths = try paths()
        try FileManager.default.createDirectory(at: paths.configFile, withIntermediateDirectories: true)
        #expect(throws: ConfigError.unreadable(path: paths.configFile.path, reason: "is a directory, not a file")) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
    }

    @Test func aBrokenSymbolicLinkNamesItsTarget() throws {
        let paths = try paths()
        let target = paths.config.appendingPathComponent("gone.toml").path
        try FileManager.default.createSymbolicLink(atPath: paths.configFile.path, withDestinationPath: target)
        #expect(throws: ConfigError.unreadable(path: paths.configFile.path, reason: "is a broken symbolic link to \(target)")) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
    }

    @Test func aLinkToAGoodFileIsRead() throws {
        let paths = try paths()
        let target = paths.config.appendingPathComponent("real.toml")
        try "theme = \"dusk\"\n".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: paths.configFile.path, withDestinationPath: target.path)
        #expect(try EaselConfig.load(paths: paths, environment: [:]).theme == "dusk")
    }

    @Test func textThatIsNotUTF8IsStillSaidSo() throws {
        let paths = try paths()
        try Data([0x74, 0x68, 0x65, 0x6d, 0x65, 0x20, 0x3d, 0x20, 0xff, 0xfe]).write(to: paths.configFile)
        #expect(throws: ConfigError.unreadable(path: paths.configFile.path, reason: "not readable as UTF-8 text")) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
    }
}
