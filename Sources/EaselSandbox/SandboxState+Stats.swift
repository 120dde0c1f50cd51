import EaselCore
import EaselImage

extension SandboxState {
    /// `GET /_sandbox/stats`, for tests and runs that drive the `easel` binary from outside the
    /// process: the per-route request counts (`counts`, what the crash loop reads to count POSTs
    /// per job) beside the fault plan's and the job tags' figures (`SandboxStats`, what the soak
    /// reads). Not a provider's route: it asks for no token and is not counted itself.
    func statsJSON() async -> JSONValue {
        let counts = JSONValue.object(self.counts.mapValues(JSONValue.int))
        guard case .object(var fields) = await stats.json() else { return .object(["counts": counts]) }
        fields["counts"] = counts
        return .object(fields)
    }
}
