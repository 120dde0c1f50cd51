import EaselCore
import Foundation
import Testing

/// `concurrency = N` in a provider's section: how many of its jobs the studio runs at once.
struct ConcurrencyConfigTests {
    func load(_ text: String) throws -> EaselConfig {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-concurrency-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths.configFile.path)
        return try EaselConfig.load(paths: paths, environment: [:])
    }

    @Test("a provider's concurrency is read; unset it is nil (the studio's default applies)")
    func readsConcurrency() throws {
        let config = try load("[openai]\nconcurrency = 2\n\n[ai-client]\nbase_url = \"http://127.0.0.1:9/api/v1\"\n")
        #expect(config.providers[.openAI]?.concurrency == 2)
        #expect(config.providers[.aiClient]?.concurrency == nil)
    }

    @Test("zero, negative, too many or not a whole number is refused with the key and the range", arguments: ["0", "-1", "65", "2.5", "\"4\""])
    func refusesBadConcurrency(value: String) throws {
        do {
            _ = try load("[openai]\nconcurrency = \(value)\n")
            Issue.record("concurrency = \(value) was accepted")
        } catch {
            #expect("\(error)".contains("openai.concurrency") && "\(error)".contains("from 1 to 64"), "\(error)")
        }
    }
}
