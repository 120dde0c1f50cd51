import Foundation

/// What one server offers for settings the catalog leaves as free text — an A1111 web UI's
/// checkpoints, samplers and schedulers, and the like for other local backends — as fetched from
/// it, with when. The studio cycles through these values and the CLI may check against them;
/// nothing requires them.
public struct ServerChoices: Sendable, Hashable {
    /// The values each setting takes on this server, in the server's order.
    public var values: [SettingName: [String]]
    /// When they were fetched.
    public var fetchedAt: Date

    public init(values: [SettingName: [String]] = [:], fetchedAt: Date = Date()) {
        self.values = values
        self.fetchedAt = fetchedAt
    }

    /// The values of `setting`, or nil when the server gave none.
    public subscript(_ setting: SettingName) -> [String]? {
        values[setting].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A refusal of `value` for `setting` when the server's list is known and lacks it, naming
    /// what it has; nil when the value is fine or nothing is known.
    public func problem(_ setting: SettingName, value: String) -> String? {
        guard let known = self[setting], !known.contains(value) else { return nil }
        let shown = known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", … (\(known.count) in all)" : "")
        return "\(setting) \"\(TerminalText.oneLine(value, limit: 80))\" is not one this server has: \(shown)"
    }
}
