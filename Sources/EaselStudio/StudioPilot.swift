import EaselUI
import Foundation

/// Drives a real studio loop on an in-memory screen, as a person at a terminal would: it
/// presses keys, waits until the studio is idle or a condition holds (never for a fixed time),
/// and reads the screen. Tests and benchmarks use it; the loop runs on its own thread, and
/// every wait happens off Swift's cooperative pool.
public final class StudioPilot: @unchecked Sendable {
    /// The screen the studio draws on.
    public let screen: HeadlessScreen
    private let studio: Studio
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var latest: AppState
    private var framePending = false
    private var cycles = 0
    private var finished = false

    /// A pilot for a studio starting from `state` on a `width`×`height` screen.
    public init(
        state: AppState, launcher: JobLauncher?, history: HistoryLoader? = nil, previews: PreviewLoader? = nil,
        width: Int = 80, height: Int = 24, clock: StudioClock = StudioClock(), memory: StudioMemory? = nil,
        masks: MaskWriter? = nil, placeholders: (any PlaceholderPictures)? = nil
    ) {
        screen = HeadlessScreen(width: width, height: height)
        studio = Studio(
            state: state, screen: screen, launcher: launcher, history: history, previews: previews, clock: clock, memory: memory,
            masks: masks, placeholders: placeholders)
        latest = state
        studio.onCycle = { [weak self] state, pending in
            guard let self else { return }
            condition.lock()
            latest = state
            framePending = pending
            cycles += 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Calls `body` on the loop's thread as each history read or picture is started; set
    /// before `start`.
    public func observeBackgroundWork(_ body: @escaping (Effect) -> Void) {
        studio.onBackgroundWork = body
    }

    /// Starts the loop on its own thread.
    public func start() {
        // The loop thread becomes the studio's only user from here on; the pilot itself only
        // touches `inbox`, which is Sendable.
        nonisolated(unsafe) let studio = studio
        let thread = Thread { [weak self] in
            studio.run()
            guard let self else { return }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "easel.studio.pilot"
        thread.start()
    }

    /// The state after the loop's last turn.
    public var state: AppState { condition.lock(); defer { condition.unlock() }; return latest }
    /// The last frame's text, one string per row.
    public var lines: [String] { screen.lastGrid?.lines ?? [] }
    /// Whether the loop has ended.
    public var isFinished: Bool { condition.lock(); defer { condition.unlock() }; return finished }
    /// Whether the loop is holding a frame back.
    var isFramePending: Bool { condition.lock(); defer { condition.unlock() }; return framePending }
    /// How many turns the loop has taken.
    public var cycleCount: Int { condition.lock(); defer { condition.unlock() }; return cycles }

    /// Presses keys, in order.
    public func press(_ keys: KeyPress...) {
        screen.send(keys.map { .key($0) })
    }

    /// Types text one character at a time, as a keyboard would.
    public func type(_ text: String) {
        screen.send(text.map { .key(.char($0)) })
    }

    /// Sends any input.
    public func send(_ events: InputEvent...) {
        screen.send(events)
    }

    /// How long a wait gives up after by default: long, because a wait ends as soon as its
    /// condition holds, and a full `swift test` on two cores keeps every thread busy for the
    /// first minute (the sandbox's painting included), which a 30 s limit did not always cover.
    public static let defaultTimeout: Double = 90

    /// Waits until the loop has handled everything sent and is waiting for more.
    public func settle(timeout: Double = StudioPilot.defaultTimeout) async throws(PilotTimeout) {
        let screen = screen
        // Idle also means no frame is held back, so the screen shows everything handled.
        let ok = await offPool { [self] in
            screen.waitForIdle(until: Date(timeIntervalSinceNow: timeout)) { !self.isFramePending }
        }
        if !ok { throw PilotTimeout(what: "the studio to become idle", seconds: timeout, screen: lines) }
    }

    /// Waits until `predicate` holds for the state after a turn of the loop.
    public func waitUntil(
        _ what: String, timeout: Double = StudioPilot.defaultTimeout, _ predicate: @escaping @Sendable (AppState) -> Bool
    ) async throws(PilotTimeout) {
        if !(await waitForLoop(timeout) { state, _, _ in predicate(state) }) {
            throw PilotTimeout(what: what, seconds: timeout, screen: lines)
        }
    }

    /// Waits until `predicate` holds for a state that is on the screen (no frame held back).
    public func waitUntilShown(
        _ what: String, timeout: Double = StudioPilot.defaultTimeout, _ predicate: @escaping @Sendable (AppState) -> Bool
    ) async throws(PilotTimeout) {
        if !(await waitForLoop(timeout) { state, pending, _ in predicate(state) && !pending }) {
            throw PilotTimeout(what: what, seconds: timeout, screen: lines)
        }
    }

    /// Ends the loop (as if the user confirmed quitting) and waits for it to stop.
    public func stop(timeout: Double = 30) async {
        studio.inbox.post(.command(.confirmYes))
        _ = await waitForLoop(timeout) { _, _, finished in finished }
    }

    /// Waits, off the cooperative pool, until `condition` holds for (state, frame held back,
    /// loop finished) as the loop last reported them; false when `timeout` passes first.
    private func waitForLoop(
        _ timeout: Double, _ condition: @escaping @Sendable (AppState, Bool, Bool) -> Bool
    ) async -> Bool {
        await offPool { [self] in
            self.condition.lock()
            defer { self.condition.unlock() }
            let deadline = Date(timeIntervalSinceNow: timeout)
            while !condition(latest, framePending, finished) {
                if !self.condition.wait(until: deadline) { return false }
            }
            return true
        }
    }

    /// Runs a blocking wait on a thread of its own. Not on a Dispatch global queue: on Linux
    /// Swift's cooperative pool is built on the same root queue, about one thread per core, so
    /// two pilots waiting there at once (suites run in parallel) would stall the very jobs they
    /// wait for until the timeout.
    private func offPool(_ body: @escaping @Sendable () -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "easel.pilot.wait"
            thread.start()
        }
    }
}

/// A pilot wait that ran out of time; carries the screen so a failing test shows what was there.
public struct PilotTimeout: Error, CustomStringConvertible {
    public var what: String
    public var seconds: Double
    public var screen: [String]

    public var description: String {
        "timed out after \(seconds)s waiting for \(what); the screen was:\n" + screen.joined(separator: "\n")
    }
}
