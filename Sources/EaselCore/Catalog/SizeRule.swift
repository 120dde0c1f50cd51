/// Limits on a free-form `WIDTHxHEIGHT` size, for models that take any size within bounds.
public struct SizeRule: Sendable, Hashable, Codable {
    public var minSide: Int?
    public var maxSide: Int?
    public var multipleOf: Int?
    public var minPixels: Int?
    public var maxPixels: Int?
    /// The most the long side may exceed the short side by, as a ratio (3 means 1:3 to 3:1).
    public var maxAspect: Double?

    /// Every way `size` breaks the rule, as short phrases.
    public func violations(of size: ImageSize) -> [String] {
        var found: [String] = []
        if let minSide, min(size.width, size.height) < minSide { found.append("each side must be at least \(minSide)") }
        if let maxSide, max(size.width, size.height) > maxSide { found.append("each side must be at most \(maxSide)") }
        if let multipleOf, size.width % multipleOf != 0 || size.height % multipleOf != 0 {
            found.append("both sides must be multiples of \(multipleOf)")
        }
        if let minPixels, size.pixels < minPixels { found.append("at least \(minPixels) pixels in all") }
        if let maxPixels, size.pixels > maxPixels { found.append("at most \(maxPixels) pixels in all") }
        if let maxAspect {
            let ratio = Double(max(size.width, size.height)) / Double(min(size.width, size.height))
            if ratio > maxAspect + 1e-9 { found.append("aspect ratio between 1:\(Self.format(maxAspect)) and \(Self.format(maxAspect)):1") }
        }
        return found
    }

    /// The rule in words, for "allowed:" lists.
    public var summary: String {
        var words: [String] = []
        switch (minSide, maxSide) {
        case let (low?, high?): words.append("sides \(low)–\(high)")
        case let (low?, nil): words.append("sides ≥ \(low)")
        case let (nil, high?): words.append("sides ≤ \(high)")
        case (nil, nil): break
        }
        if let multipleOf { words.append("multiples of \(multipleOf)") }
        if let minPixels { words.append("≥ \(minPixels) pixels") }
        if let maxPixels { words.append("≤ \(maxPixels) pixels") }
        if let maxAspect { words.append("aspect 1:\(Self.format(maxAspect))–\(Self.format(maxAspect)):1") }
        return "WIDTHxHEIGHT with " + words.joined(separator: ", ")
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
