extension EaselConfig {
    /// The environment variable that holds a provider's key (`ACEDATA_TOKEN`, …), for messages
    /// telling the user what to set.
    public static func keyVariable(for provider: ProviderID) -> String? {
        variables[provider]?.key
    }
}
