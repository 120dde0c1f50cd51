import Foundation
import Glibc

/// A terminal emulator played on the master side of a pty: it reads what the probe writes on
/// its own thread (never the Swift concurrency pool) and, once the DA1 query has arrived,
/// answers according to its script.
final class FakeTerminal: @unchecked Sendable {
    /// How the fake answers.
    enum Script {
        /// Writes these bytes at once.
        case answer([UInt8])
        /// Writes each piece only after the probe has read everything before it, so the
        /// reply is guaranteed to reach the probe in separate reads.
        case pieces([[UInt8]])
        /// Reads the queries and never answers.
        case silent
    }

    let master: Int32
    let slave: Int32
    private let script: Script
    private let condition = NSCondition()
    private var received: [UInt8] = []
    private var stopping = false
    private var finished = false

    init(script: Script, columns: UInt16 = 80, rows: UInt16 = 24, pixelWidth: UInt16 = 0, pixelHeight: UInt16 = 0) throws {
        var masterFD: Int32 = -1
        var slaveFD: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: pixelWidth, ws_ypixel: pixelHeight)
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        master = masterFD
        slave = slaveFD
        self.script = script
        Thread { [self] in run() }.start()
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Stops the thread and waits for it, so nothing reads or writes while the fds close.
    func stop() {
        condition.lock()
        stopping = true
        // Bounded: a reader thread stuck in a read must not hang the suite; it ends with the fds.
        let deadline = Date(timeIntervalSinceNow: 10)
        while !finished, Date() < deadline { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05)) }
        condition.unlock()
    }

    /// Everything the probe wrote.
    var queries: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    /// The slave's termios, byte for byte.
    func slaveSettings() -> [UInt8] {
        var settings = termios()
        _ = tcgetattr(slave, &settings)
        return withUnsafeBytes(of: &settings) { Array($0) }
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func run() {
        var answered = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while !isStopping {
            // A short poll, not a blocking read, so stop() is noticed promptly.
            if poll(&descriptor, 1, 20) > 0 {
                let count = read(master, &buffer, buffer.count)
                if count > 0 {
                    condition.lock()
                    received += buffer[0..<count]
                    condition.unlock()
                }
            }
            if !answered, queries.ranges(of: Array("\u{1B}[c".utf8)).count > 0 {
                answered = true
                answer()
            }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func answer() {
        switch script {
        case .silent:
            break
        case .answer(let bytes):
            send(bytes)
        case .pieces(let pieces):
            for piece in pieces {
                send(piece)
                waitUntilRead()
            }
        }
    }

    private func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the slave has no unread input, i.e. the probe consumed the last piece (or
    /// stop() was called, or 5 seconds passed).
    private func waitUntilRead() {
        let deadline = Date(timeIntervalSinceNow: 5)
        var pending: Int32 = 1
        while !isStopping, Date() < deadline {
            guard ioctl(slave, UInt(FIONREAD), &pending) == 0, pending > 0 else { return }
            sched_yield()
        }
    }
}
