import EaselUI
import Foundation
import Glibc
import Testing

@testable import EaselTerminal

extension TerminalOnPtyTests {
    /// The 24-bit path, on a terminfo entry compiled for the test: ncurses-base ships no
    /// direct-colour entry, so this is xterm-256color with 2^24 colours and xterm-direct's
    /// setaf/setab.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tic")))
    func directColourSendsRGB() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-terminfo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("easel-direct.src")
        let rgb = "%p1%{65536}%/%d:%p1%{256}%/%{255}%&%d:%p1%{255}%&%d"
        let entry = [
            "easel-direct|direct colour test entry,",
            "\tcolors#0x1000000, pairs#0x10000, RGB,",
            "\tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38:2::\(rgb)%;m,",
            "\tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48:2::\(rgb)%;m,",
            "\tuse=xterm-256color,",
            "",
        ].joined(separator: "\n")
        try entry.write(to: source, atomically: true, encoding: .utf8)
        let tic = Process()
        tic.executableURL = URL(fileURLWithPath: "/usr/bin/tic")
        tic.arguments = ["-x", "-o", directory.path, source.path]
        try tic.run()
        tic.waitUntilExit()
        #expect(tic.terminationStatus == 0)
        setenv("TERMINFO", directory.path, 1)
        defer { unsetenv("TERMINFO") }
        try withTerminal(environment: ["TERM": "easel-direct"]) { terminal, pty in
            #expect(terminal.colorMode == .direct)
            terminal.present(textGrid("rgb"), cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "38:2::230:230:230") && $0.contains(text: "48:2::30:31:41") })
        }
    }
}
