import Foundation

/// Where and as whom to reach a provider.
public struct ProviderEndpoint: Sendable, Hashable {
    public var provider: ProviderID
    public var baseURL: String
    public var credential: Credential?
    /// Azure: the deployment to send to (the model id when not given).
    public var deployment: String?
    /// Azure: the dated API version that selects the deployments URL form (nil or `v1`: the v1 API).
    public var apiVersion: String?
    /// Every server of the provider's pool, `baseURL` among them; one server without a pool.
    /// A job is sent to one of them (`GenerationRunner` picks the least busy) and then belongs
    /// to it: its journal row names that server, and only that server is asked about it again.
    public var servers: [String]
    /// How many jobs one server of the pool runs at once.
    public var perServerLimit: Int = EaselConfig.defaultCloudConcurrency

    public init(provider: ProviderID, baseURL: String, credential: Credential?, deployment: String? = nil, apiVersion: String? = nil) {
        self.provider = provider
        self.baseURL = baseURL
        self.credential = credential
        self.deployment = deployment
        self.apiVersion = apiVersion
        self.servers = [baseURL]
    }

    /// True when jobs are spread over several servers.
    public var isPool: Bool { Set(servers).count > 1 }

    /// This endpoint aimed at one server of its pool.
    public func serving(_ server: String) -> ProviderEndpoint {
        var copy = self
        copy.baseURL = server
        return copy
    }

    /// The host of the base URL, lowercased (used to refuse models the host has retired).
    public var host: String? {
        URLComponents(string: baseURL)?.host?.lowercased()
    }
}
