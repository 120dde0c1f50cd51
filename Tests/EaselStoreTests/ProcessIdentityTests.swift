@testable import EaselStore
import EaselCore
import Foundation
import Testing

/// Who owns a job: a live process keeps it; a gone or zombie process does not.
struct ProcessIdentityTests {
    @Test("this process is alive; a pid that does not exist is not")
    func liveAndGone() {
        #expect(ProcessIdentity.isAlive(ProcessIdentity.current))
        #expect(!ProcessIdentity.isAlive("999999999:1"))
        #expect(!ProcessIdentity.isAlive("\\(getpid()):1"), "same pid, other start time: pid reuse")
        #expect(!ProcessIdentity.isAlive("nonsense"))
    }

    @Test("a process that ended but was not yet collected by its parent (a zombie) counts as gone")
    func zombieIsGone() throws {
        // `sh` starts `true` in the background, prints its pid, then becomes `sleep`, which
        // never waits for children: `true` stays a zombie until `sleep` ends.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "true & echo $!; exec sleep 5"]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        defer { shell.terminate() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let pid = try #require(Int32(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        let deadline = Date(timeIntervalSinceNow: 10)
        var state = ""
        while Date() < deadline {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? ""
            if state == "Z" { break }
            usleep(2000)
        }
        try #require(state == "Z", "the background child should be a zombie by now")
        #expect(ProcessIdentity.identity(of: pid) == nil)
    }
}
