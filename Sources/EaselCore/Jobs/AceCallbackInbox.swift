/// What a job needs from something that takes Ace Data Cloud's completion callbacks. The core
/// holds only this seam; the HTTP server behind it (`EaselAceCallbacks.AceCallbackReceiver`)
/// lives in a target of its own, so the client core carries no server code.
public protocol AceCallbackInbox: Sendable {
    /// The address every callback goes to, before a job's trace id and secret are added
    /// (`AceCallbackAddress.url(base:task:)`).
    var callbackURL: String { get }

    /// Starts accepting callbacks for `task` (its trace id and secret). Called before the request
    /// is sent — the service may call back before it answers — and again when a job resumes.
    func expect(_ task: RemoteTask)

    /// Waits for the callback of `traceID`; nil when the inbox stops, the trace is not expected,
    /// or the waiting task is cancelled.
    func wait(for traceID: String) async -> AceCallbackDelivery?

    /// The job of `traceID` has its result (or gave up): a later callback is answered and ignored.
    func finish(_ traceID: String)

    /// Stops taking callbacks; jobs still waiting fall back on polling.
    func stop() async
}

/// What a callback said about a task: a hint that it ended, never the result (Easel asks Ace).
public typealias AceCallbackDelivery = (task: RemoteTask, status: AceDataWire.TaskStatus)
