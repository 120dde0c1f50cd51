import EaselCore

extension AsyncHTTPTransport {
    /// One client for the whole test process. It is never shut down, so a test that stops early
    /// (a failed `#require`) cannot trip AsyncHTTPClient's "not shut down" trap.
    static let sharedForTests = AsyncHTTPTransport()
}
