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

    public init(provider: ProviderID, baseURL: String, credential: Credential?, deployment: String? = nil, apiVersion: String? = nil) {
        self.provider = provider
        self.baseURL = baseURL
        self.credential = credential
        self.deployment = deployment
        self.apiVersion = apiVersion
    }

    /// The host of the base URL, lowercased (used to refuse models the host has retired).
    public var host: String? {
        URLComponents(string: baseURL)?.host?.lowercased()
    }
}
