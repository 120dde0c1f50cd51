import EaselCore
import Hummingbird

/// `GET /_sandbox/stats`: how many requests of each route the sandbox received, as JSON
/// (`{"counts": {"create-entry": 1, …}}`), so a test driving the `easel` binary from outside the
/// process (the crash loop) can count POSTs per job. Not a provider's route: it asks for no token
/// and is not counted itself.
struct SandboxStatsRoute: Sendable {
    let state: SandboxState

    static let path = "/_sandbox/stats"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(Self.path)) { _, _ -> Response in
            let counts = await state.allCounts()
            return SandboxReply.json(.object(["counts": .object(counts.mapValues(JSONValue.int))]))
        }
    }
}

extension SandboxState {
    /// Every route's count at once (see `count(_:)`).
    public func allCounts() -> [String: Int] { counts }
}
