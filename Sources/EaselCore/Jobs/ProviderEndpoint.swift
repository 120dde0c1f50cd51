import Foundation

/// Where and as whom to reach a provider.
public struct ProviderEndpoint: Sendable, Hashable {
    public var provider: ProviderID
    public var baseURL: String
    public var credential: Credential?

    public init(provider: ProviderID, baseURL: String, credential: Credential?) {
        self.provider = provider
        self.baseURL = baseURL
        self.credential = credential
    }

    /// The host of the base URL, lowercased (used to refuse models the host has retired).
    public var host: String? {
        URLComponents(string: baseURL)?.host?.lowercased()
    }
}
