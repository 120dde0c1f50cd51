import Foundation
import Glibc

/// A pty pair for tests: the backend gets the slave side as its terminal, the test plays the
/// terminal emulator on the master side, reading everything written on a background thread
/// (never the Swift concurrency pool) and typing keys into it.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let slave: Int32
    private let condition = NSCondition()
    private var received: [UInt8] = []
    private var stopping = false
    private var readerDone = false

    init(columns: UInt16 = 80, rows: UInt16 = 24) throws {
        var masterFD: Int32 = -1
        var slaveFD: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        master = masterFD
        slave = slaveFD
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Stops the reader thread and waits for it, so no read races the close in deinit.
    func stop() {
        condition.lock()
        stopping = true
        while !readerDone { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05)) }
        condition.unlock()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while true {
            condition.lock()
            let done = stopping
            condition.unlock()
            if done { break }
            // A short poll, not a blocking read, so stop() is noticed promptly.
            guard poll(&descriptor, 1, 20) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 {
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                break
            }
            condition.lock()
            received += buffer[0..<count]
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Everything read from the master so far.
    var output: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    /// Waits (up to `timeout` seconds) until `predicate` holds for the bytes read so far.
    @discardableResult
    func waitUntil(timeout: Double = 10, _ predicate: ([UInt8]) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(received) {
            if !condition.wait(until: deadline) { return predicate(received) }
        }
        return true
    }

    /// Waits until at least `count` bytes have been read in total.
    @discardableResult
    func waitForCount(_ count: Int, timeout: Double = 10) -> Bool {
        waitUntil(timeout: timeout) { $0.count >= count }
    }

    /// Types `text` as the terminal emulator would send it.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Sets the window size the slave reports.
    func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The slave's termios, byte for byte, to compare before and after.
    func slaveSettings() -> [UInt8] {
        var settings = termios()
        _ = tcgetattr(slave, &settings)
        return withUnsafeBytes(of: &settings) { Array($0) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs anywhere in these bytes.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if Array(self[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// Whether the UTF-8 of `text` occurs anywhere in these bytes.
    func contains(text: String) -> Bool {
        contains(bytes: Array(text.utf8))
    }
}
