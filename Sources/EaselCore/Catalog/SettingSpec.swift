/// The catalog's description of one setting of one model: its kind, allowed values, limits,
/// default and the field name it has on the wire. Engine-specific variations live in `byEngine`.
public struct SettingSpec: Sendable, Hashable, Codable {
    public var name: SettingName
    /// The field name on the wire, when it differs from `name`.
    public var wire: String?
    public var kind: SettingKind
    public var values: [String]?
    public var min: Int?
    public var max: Int?
    public var rule: SizeRule?
    public var `default`: SettingValue?
    public var byEngine: [String: SettingOverride]?
    /// A setting Easel acts on itself and never sends as a field (Ace's `async`: the task mode).
    public var local: Bool?

    /// The wire field name.
    public var wireName: String { wire ?? name.rawValue }

    /// This spec as it applies with the given engine chosen.
    public func applying(engine: String?) -> SettingSpec {
        guard let engine, let override = byEngine?[engine] else { return self }
        var spec = self
        if let values = override.values { spec.values = values }
        if let rule = override.rule { spec.rule = rule }
        if let min = override.min { spec.min = min }
        if let max = override.max { spec.max = max }
        if let value = override.default { spec.default = value }
        return spec
    }

    /// The allowed values in words, for messages and pickers.
    public var allowedSummary: String {
        switch kind {
        case .choice:
            return (values ?? []).joined(separator: ", ")
        case .integer:
            guard let min, let max else { return "a whole number" }
            return min == max ? String(min) : "\(min)–\(max)"
        case .size:
            let listed = (values ?? []).joined(separator: ", ")
            switch (listed.isEmpty, rule) {
            case (false, let rule?): return listed + ", or " + rule.summary
            case (true, let rule?): return rule.summary
            default: return listed
            }
        case .text:
            return "any text"
        case .boolean:
            return "true, false"
        case .number:
            guard let min, let max else { return "a number" }
            return "a number from \(min) to \(max)"
        }
    }
}

/// The parts of a `SettingSpec` that change when a particular engine is chosen.
public struct SettingOverride: Sendable, Hashable, Codable {
    public var values: [String]?
    public var rule: SizeRule?
    public var min: Int?
    public var max: Int?
    public var `default`: SettingValue?
}
