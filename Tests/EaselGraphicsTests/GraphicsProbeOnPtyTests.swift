import EaselImage
import EaselGraphics
import Foundation
import Glibc
import Testing

/// The probe against fake terminals on real ptys: answers, partial answers, silence.
@Suite(.serialized) struct GraphicsProbeOnPtyTests {
    static let kittyOK = Array("\u{1B}_Gi=31;OK\u{1B}\\".utf8)
    static let version = Array("\u{1B}P>|kitty(0.35.2)\u{1B}\\".utf8)
    static let cellSize = Array("\u{1B}[6;20;10t".utf8)
    static let da1Sixel = Array("\u{1B}[?62;4;22c".utf8)
    static let da1Plain = Array("\u{1B}[?1;2c".utf8)

    /// Runs the probe on a fresh fake terminal and checks the termios came back unchanged.
    func probe(
        _ script: FakeTerminal.Script, environment: [String: String] = [:], timeout: Duration = .seconds(2),
        pixelWidth: UInt16 = 0, pixelHeight: UInt16 = 0
    ) throws -> (GraphicsProbe.Outcome, queries: [UInt8], elapsed: Duration) {
        let terminal = try FakeTerminal(script: script, pixelWidth: pixelWidth, pixelHeight: pixelHeight)
        defer { terminal.stop() }
        let before = terminal.slaveSettings()
        let start = ContinuousClock.now
        let outcome = GraphicsProbe.run(input: terminal.slave, output: terminal.slave, environment: environment, timeout: timeout)
        let elapsed = ContinuousClock.now - start
        #expect(terminal.slaveSettings() == before, "termios restored")
        return (outcome, terminal.queries, elapsed)
    }

    @Test func aKittyTerminalWithSixelIsRecognised() throws {
        let (outcome, queries, elapsed) = try probe(.answer(Self.kittyOK + Self.version + Self.cellSize + Self.da1Sixel))
        #expect(queries == GraphicsProbe.queries(inTmux: false))
        #expect(
            outcome.capabilities
                == GraphicsCapabilities(
                    kitty: true, sixel: true, truecolor: true, cellSize: PixelSize(width: 10, height: 20),
                    terminalName: "kitty(0.35.2)"))
        #expect(outcome.replies.count == 4)
        #expect(outcome.otherInput.isEmpty)
        // DA1 ends the wait; the 2-second timeout is never reached.
        #expect(elapsed < .seconds(1))
    }

    @Test func aTerminalAnsweringOnlyDA1SupportsNothing() throws {
        let (outcome, _, elapsed) = try probe(.answer(Self.da1Plain), pixelWidth: 640, pixelHeight: 384)
        #expect(
            outcome.capabilities == GraphicsCapabilities(cellSize: PixelSize(width: 8, height: 16), timedOut: false))
        #expect(elapsed < .seconds(1))
    }

    @Test func aSilentTerminalTimesOutWithNothing() throws {
        let (outcome, queries, elapsed) = try probe(.silent, timeout: .milliseconds(150))
        #expect(queries == GraphicsProbe.queries(inTmux: false))
        #expect(outcome.capabilities == GraphicsCapabilities(timedOut: true))
        #expect(outcome.replies.isEmpty)
        #expect(elapsed >= .milliseconds(150))
        #expect(elapsed < .seconds(1), "returned after \(elapsed)")
    }

    @Test func aSlowTerminalAnsweringInPiecesIsStillUnderstood() throws {
        let all = Array("xy".utf8) + Self.kittyOK + Self.cellSize + Self.da1Sixel
        // Cut inside every reply, and between the typed keys and the first reply.
        let cuts = [1, 4, 9, 17, 21, 25, all.count - 3, all.count - 1]
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts + [all.count] {
            pieces.append(Array(all[start..<cut]))
            start = cut
        }
        let (outcome, _, _) = try probe(.pieces(pieces))
        #expect(outcome.capabilities.kitty && outcome.capabilities.sixel && !outcome.capabilities.timedOut)
        #expect(outcome.capabilities.cellSize == PixelSize(width: 10, height: 20))
        #expect(outcome.otherInput == Array("xy".utf8))
    }

    @Test func insideTmuxTheKittyQueryIsWrapped() throws {
        let (outcome, queries, _) = try probe(.answer(Self.da1Plain), environment: ["TMUX": "/tmp/tmux-1/default,1,0", "KITTY_WINDOW_ID": "3"])
        #expect(queries == GraphicsProbe.queries(inTmux: true))
        #expect(outcome.capabilities.inTmux && outcome.capabilities.kitty)
    }

    @Test func withoutATerminalNothingIsSent() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let outcome = GraphicsProbe.run(input: fds[0], output: fds[1], environment: ["COLORTERM": "truecolor"])
        #expect(outcome.capabilities == GraphicsCapabilities(truecolor: true, timedOut: true))
        var pending: Int32 = 0
        #expect(ioctl(fds[0], UInt(FIONREAD), &pending) == 0 && pending == 0)
    }
}
