import EaselUI
import Foundation

/// An in-memory `StudioScreen` for tests and benchmarks: input is queued by `send`, frames are
/// kept, and it knows when the loop is idle (waiting with nothing queued), so a driver can wait
/// for idle instead of sleeping.
public final class HeadlessScreen: StudioScreen, @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [InputEvent] = []
    private var woken = false
    private var waiting = false
    private var currentSize: (width: Int, height: Int)
    private var grid: CellGrid?
    private var cursorPosition: (x: Int, y: Int)?
    private var frameCount = 0
    private var bellCount = 0
    private var titleHistory: [String] = []
    private var suspendCount = 0
    private var motionHistory: [Bool] = []
    private var clipboardHistory: [String] = []
    private var graphicsBytes: [UInt8] = []
    private var replies: [String] = []

    /// A screen of `width`×`height` cells.
    public init(width: Int, height: Int) {
        currentSize = (width, height)
    }

    public var size: (width: Int, height: Int) { locked { currentSize } }

    /// Called with every frame as it is presented, on the loop's thread (benchmarks time frames).
    public var onPresent: (@Sendable (CellGrid) -> Void)?

    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        onPresent?(grid)
        locked {
            self.grid = grid
            cursorPosition = cursor
            frameCount += 1
            condition.broadcast()
        }
    }

    public func nextEvents(timeout: Duration?) -> [InputEvent] {
        condition.lock()
        defer { condition.unlock() }
        let deadline = timeout.map { Date(timeIntervalSinceNow: $0.inSeconds) }
        while queue.isEmpty && !woken {
            waiting = true
            condition.broadcast()
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        waiting = false
        woken = false
        defer { queue.removeAll() }
        return queue
    }

    public func wake() {
        locked {
            woken = true
            condition.broadcast()
        }
    }

    public func bell() { locked { bellCount += 1 } }
    public func setTitle(_ title: String) { locked { titleHistory.append(title) } }
    public func suspend() { locked { suspendCount += 1 } }
    public func setMouseMotion(_ enabled: Bool) {
        locked { if motionHistory.last ?? false != enabled { motionHistory.append(enabled) } }
    }
    public func copyToClipboard(_ text: String) { locked { clipboardHistory.append(text) } }
    public func writeGraphics(before: [UInt8], after: [UInt8]) { locked { graphicsBytes += before + after } }
    public func takeGraphicsReplies() -> [String] {
        locked {
            defer { replies.removeAll() }
            return replies
        }
    }

    /// Queues a graphics reply as if the terminal had answered, and wakes the loop.
    public func sendGraphicsReply(_ reply: String) {
        locked {
            replies.append(reply)
            woken = true
            condition.broadcast()
        }
    }

    /// Queues input for the loop.
    public func send(_ events: [InputEvent]) {
        locked {
            for event in events {
                if case .resize(let width, let height) = event { currentSize = (width, height) }
                queue.append(event)
            }
            condition.broadcast()
        }
    }

    /// The last frame shown.
    public var lastGrid: CellGrid? { locked { grid } }
    public var cursor: (x: Int, y: Int)? { locked { cursorPosition } }
    public var frames: Int { locked { frameCount } }
    public var bells: Int { locked { bellCount } }
    public var titles: [String] { locked { titleHistory } }
    public var suspends: Int { locked { suspendCount } }
    /// Each change of mouse motion reporting the studio asked for, in order (off at start).
    public var mouseMotionChanges: [Bool] { locked { motionHistory } }
    /// What was put on the clipboard, oldest first.
    public var clipboard: [String] { locked { clipboardHistory } }
    /// Every byte queued with `writeGraphics`, in order.
    public var graphics: [UInt8] { locked { graphicsBytes } }

    /// Blocks until the loop waits with nothing queued and nothing woken, or `deadline` passes
    /// (false). `extra` adds the caller's own condition, checked under the same lock.
    public func waitForIdle(until deadline: Date, and extra: () -> Bool = { true }) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !(waiting && queue.isEmpty && !woken && extra()) {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Blocks until `predicate` holds for the last frame, or `deadline` passes (false).
    public func wait(until deadline: Date, for predicate: (CellGrid) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !(grid.map(predicate) ?? false) {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
