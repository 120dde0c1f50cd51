import EaselCore

extension SandboxServer {
    /// The credential a client of `provider` presents to this sandbox: its token as a key, or for
    /// AUTOMATIC1111 (HTTP Basic `user:password`, as `A1111_AUTH` holds it) `sandbox:TOKEN`.
    public func credential(for provider: ProviderID) -> Credential {
        let token = options.token ?? "sandbox"
        return Credential(secret: provider == .a1111 ? "sandbox:" + token : token, source: "sandbox")
    }
}
